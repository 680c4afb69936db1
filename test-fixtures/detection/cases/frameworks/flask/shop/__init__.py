from flask import Flask
from flask_wtf.csrf import CSRFProtect

from shop.orders.views import bp as orders_bp

csrf = CSRFProtect() # expect-pattern: flask/security/csrf-protect


def create_app(config=None):
    app = Flask(__name__) # expect-no-pattern: flask/structural/blueprint
    app.config.from_object(config or "shop.config.Default")
    csrf.init_app(app) # expect-no-pattern: flask/security/csrf-protect
    app.register_blueprint(orders_bp) # expect-pattern: flask/structural/register-blueprint
    app.add_url_rule("/ping", view_func=lambda: "pong") # expect-no-pattern: flask/structural/register-blueprint
    return app
