from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required

from shop.extensions import db
from shop.orders.models import Order

bp = Blueprint("orders", __name__, url_prefix="/orders") # expect-pattern: flask/structural/blueprint


@bp.route("/", methods=["GET"]) # expect-pattern: flask/api/route-with-methods  expect-no-pattern: flask/api/route-default-methods
@login_required # expect-pattern: flask/auth/login-required
def list_orders():
    orders = Order.query.filter_by(customer_id=current_user.id).all()
    return jsonify([order.to_dict() for order in orders])


@bp.route( # expect-pattern: flask/api/route-with-methods
    "/<int:order_id>/cancel",
    methods=["POST"],
)
@login_required
def cancel(order_id):
    order = db.get_or_404(Order, order_id)
    order.status = "cancelled"
    db.session.commit()
    return jsonify(order.to_dict())


@bp.route("/<int:order_id>") # expect-pattern: flask/api/route-default-methods  expect-no-pattern: flask/api/route-with-methods
def show(order_id):
    return jsonify(db.get_or_404(Order, order_id).to_dict())


@bp.app_errorhandler(404) # expect-pattern: flask/errors/error-handler  expect-no-pattern: flask/api/route-default-methods
def not_found(error):
    return jsonify(error="not found"), 404


@bp.route("/<int:order_id>/receipt") # expect-no-pattern: flask/api/route-with-methods
@login_required # expect-no-pattern: django/auth/login-required
def receipt(order_id):
    return jsonify(db.get_or_404(Order, order_id).receipt())
