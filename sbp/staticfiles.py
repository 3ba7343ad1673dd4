"""Static files: plotly.js from the installed plotly package, and the hashed, compressed storage production uses.

plotly.js comes from the package so the chart library always matches the Python one; only the one file is
exposed (`vendor/plotly.min.js`), not the package's whole data folder.
"""

from importlib.util import find_spec
from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Found without importing plotly, which every command's static files check would otherwise pay for.
PACKAGE_DATA = Path(find_spec("plotly").origin).parent / "package_data"
FILES = {"vendor/plotly.min.js": "plotly.min.js"}


class PlotlyFinder(BaseFinder):
    storage = FileSystemStorage(location=PACKAGE_DATA)

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False):
        if path in FILES:
            match = str(PACKAGE_DATA / FILES[path])
            return [match] if find_all else match
        return [] if find_all else None

    def list(self, ignore_patterns):
        for prefixed, name in FILES.items():
            yield name, PrefixedStorage(prefixed)


class PrefixedStorage(FileSystemStorage):
    """collectstatic copies `plotly.min.js` to `vendor/plotly.min.js`."""

    def __init__(self, prefixed):
        super().__init__(location=PACKAGE_DATA)
        self.prefix = str(Path(prefixed).parent)


class HashedCompressedStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed names with gzip and brotli copies, also rewriting JavaScript module imports.

    `js/sbp.js` imports `./govuk-frontend.min.js`: rewritten to the hashed name, the browser caches both for
    good, and a release never pairs a new script with an old, still cached module.
    """

    support_js_module_import_aggregation = True
