"""gunicorn reads this file from the working directory; command-line options win."""

import os

bind = "0.0.0.0:8000"
# WEB_CONCURRENCY is the usual knob on hosting platforms.
workers = int(os.environ.get("WEB_CONCURRENCY", {{ "2" if cookiecutter.scale == "small" else "4" }}))
accesslog = "-"
# gunicorn 25.1+ opens a control socket for `gunicornc` at one path per user
# ($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl), which every instance that
# user starts on the host would share; this project does not use it.
control_socket_disable = True
