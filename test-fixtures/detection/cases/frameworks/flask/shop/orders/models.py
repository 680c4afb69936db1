from shop.extensions import db


class Order(db.Model): # expect-pattern: flask/data_access/sqlalchemy-model
    id = db.Column(db.Integer, primary_key=True)
    customer_id = db.Column(db.Integer, db.ForeignKey("customer.id"), nullable=False)
    status = db.Column(db.String(20), default="open")


class OrderSummary: # expect-no-pattern: flask/data_access/sqlalchemy-model
    def __init__(self, orders):
        self.count = len(orders)
