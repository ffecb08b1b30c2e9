"""UA Desk's application factory: `flask --app app …` and every test start here."""
from __future__ import annotations

import os

from flask import Flask, render_template

import config as settings
import urls
from extensions import csrf, db, limiter, login_manager, mail, migrate


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=os.environ.get("INSTANCE_PATH") or None,
                instance_relative_config=True)
    # The instance folder holds the secret key and, by default, the database: its owner's only.
    os.makedirs(app.instance_path, mode=0o700, exist_ok=True)
    app.config.update(settings.from_environment(app.instance_path))
    if config:
        app.config.update(config)
        if "SQLALCHEMY_ENGINE_OPTIONS" not in config:
            app.config["SQLALCHEMY_ENGINE_OPTIONS"] = settings.engine_options(
                app.config["SQLALCHEMY_DATABASE_URI"])
    urls.init_app(app)  # first: every route's <int:…> and every request go through it

    import models  # noqa: F401 - registers the tables before migrations look at them

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(app.root_path, "migrations"),
                     render_as_batch=True, compare_type=True)
    mail.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)

    from campaigns.routes import bp as campaigns_bp
    from outbox.mailbox import bp as mailbox_bp
    from outbox.routes import bp as outbox_bp
    from privacy.routes import bp as privacy_bp
    from subscriptions.routes import bp as subscriptions_bp
    app.register_blueprint(campaigns_bp)
    app.register_blueprint(subscriptions_bp)
    app.register_blueprint(mailbox_bp)
    app.register_blueprint(outbox_bp)
    app.register_blueprint(privacy_bp)
    from organisers.routes import bp as organisers_bp
    app.register_blueprint(organisers_bp)
    from api.routes import bp as api_bp
    app.register_blueprint(api_bp)
    from widget.routes import bp as widget_bp
    app.register_blueprint(widget_bp)

    from campaigns.cli import campaigns_cli, demo_cli
    from events.cli import events_cli
    from organisers.cli import organisers_cli
    from outbox.cli import outbox_cli
    app.cli.add_command(demo_cli)
    app.cli.add_command(campaigns_cli)
    app.cli.add_command(events_cli)
    app.cli.add_command(outbox_cli)
    app.cli.add_command(organisers_cli)
    from privacy.cli import privacy_cli
    app.cli.add_command(privacy_cli)
    from subscriptions.cli import subscriptions_cli, updates_cli
    app.cli.add_command(updates_cli)
    app.cli.add_command(subscriptions_cli)
    import subscriptions.fanout
    import subscriptions.alerts
    import subscriptions.digest  # noqa: F401 - registers the weekly digest job
    import letters.email  # noqa: F401 - registers what sending or failing a letter's email changes

    import organisers.auth  # noqa: F401 - registers the session loader
    import outbox.kick  # noqa: F401 - starts Celery workers after commits that queue work
    if app.config.get("CELERY_BROKER_URL"):
        from outbox.tasks import create_celery
        create_celery(app)
    import i18n
    i18n.init_app(app)
    import formatting
    formatting.init_app(app)
    import theme
    theme.init_app(app)
    _security_headers(app)
    _error_pages(app)
    _behind_proxies(app)
    return app


def _behind_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES reverse proxies, request.remote_addr is the visitor's address again.

    Rate limits and the email channel's per-network caps count by it; without this every visitor
    would share the proxy's address. Only as many X-Forwarded-For entries as there are proxies
    are believed, so a visitor cannot pick an address by sending the header themselves.
    """
    proxies = app.config.get("TRUSTED_PROXIES") or 0
    if proxies > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies)


def _security_headers(app: Flask) -> None:
    @app.after_request
    def add_headers(response):
        # No inline scripts or styles anywhere: every asset is a local file.
        policy = response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            "form-action 'self' mailto:; frame-ancestors 'none'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if "frame-ancestors 'none'" in policy:
            # Older browsers' word for it. Not on the widget's pages (widget/routes.py), whose policy
            # names the sites that may frame them: this header cannot, and would refuse them all.
            response.headers.setdefault("X-Frame-Options", "DENY")
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


def _error_pages(app: Flask) -> None:
    from urllib.parse import urlsplit

    from flask import request
    from flask_babel import gettext as _

    from api.errors import http_error_response, is_api_request
    from flask_babel import lazy_gettext as _l
    from flask_wtf.csrf import CSRFError

    messages = {
        400: (_l("Something was wrong with that request"),
              _l("The page could not make sense of what was sent. Please go back and try again.")),
        403: (_l("Not allowed"), _l("You do not have access to this page.")),
        404: (_l("Page not found"),
              _l("The page you were looking for is not here. It may have moved, or the link may be mistyped.")),
        405: (_l("Not allowed"), _l("That page cannot be used this way.")),
        410: (_l("This page is no longer here"), _l("It was taken down on purpose, or the link to it has expired.")),
        429: (_l("Too many requests"),
              _l("To keep every letter personal and officials' inboxes open, forms can be sent only so often. "
                 "Please wait a minute, then try again.")),
        500: (_l("Something went wrong on our side"),
              _l("Sorry: the page could not be shown. The problem has been logged; please try again in a moment.")),
    }

    def back_url() -> str | None:
        # Only a page of this site: a link back to anywhere else would be an open redirect.
        referrer = request.referrer
        if not referrer:
            return None
        parts = urlsplit(referrer)
        if parts.netloc != request.host or parts.path == request.path:
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def page(code: int, title: str, text: str):
        return render_template("errors/error.html", code=code, title=title, text=text,
                               back_url=back_url()), code

    def handler(error):
        code = getattr(error, "code", 500) or 500
        if code == 500:
            db.session.rollback()
        if is_api_request():  # the API's clients are programs: they get JSON, whatever went wrong
            return http_error_response(code)
        title, text = messages.get(code, messages[500])
        return page(code, title, text)

    def expired_form(error):
        return page(400, _("This form has expired"),
                    _("For your safety, a form works only for a while after its page was opened, and only "
                      "with cookies on. Nothing was sent. Please go back, reload the page and send the form again."))

    for code in messages:
        app.register_error_handler(code, handler)
    app.register_error_handler(CSRFError, expired_form)
