"""gunicorn settings from the environment: `gunicorn -c sbp/gunicorn.conf.py sbp.wsgi` (README, Running it for real).

Pages are quick and packs build in the task worker (`manage.py db_worker`), so a few processes with a few threads
each serve a board's readers; threads also let one worker keep answering while another request waits on the
database.
"""

from sbp.env import env_int, env_str

bind = env_str("GUNICORN_BIND") or f"127.0.0.1:{env_int('PORT', default=8000, minimum=1)}"
workers = env_int("GUNICORN_WORKERS", default=2, minimum=1)
threads = env_int(
    "GUNICORN_THREADS", default=4, minimum=1
)  # more than one: gunicorn uses its threaded (gthread) worker
# A request taking longer than this has a worker killed and restarted; uploads of papers are the slowest.
timeout = env_int("GUNICORN_TIMEOUT", default=60)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", default=30)
keepalive = env_int("GUNICORN_KEEPALIVE", default=5)  # behind nginx on the same machine (README)
# Restarting each worker now and then, at staggered moments, returns memory a large export may have taken. Not
# often: a restarted worker starts with empty caches (sbp/data_version.py) and pays the first views' work again.
max_requests = env_int("GUNICORN_MAX_REQUESTS", default=20000)
max_requests_jitter = max_requests // 10
# gunicorn's control socket has one path per user: a second gunicorn on the machine (a benchmark beside
# `make serve`) would take it over. systemd or make start and stop ours.
control_socket_disable = True

# Access log and errors to stdout and stderr: systemd's journal or the container keeps them.
accesslog = "-"
errorlog = "-"
# The usual combined format, plus the time taken in milliseconds.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
