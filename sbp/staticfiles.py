"""The hashed, compressed storage production serves static files from."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedCompressedStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed names with gzip and brotli copies, also rewriting JavaScript module imports.

    `js/sbp.js` imports `./govuk-frontend.min.js`: rewritten to the hashed name, the browser caches both for
    good, and a release never pairs a new script with an old, still cached module.
    """

    support_js_module_import_aggregation = True
