from django.urls import path
from rest_framework.routers import DefaultRouter

from .views import CancelOrderView, CheckoutView, OrderReceiptView, OrderViewSet, PayOrderView

router = DefaultRouter()
router.register("", OrderViewSet, basename="order")

urlpatterns = [
    path("checkout/", CheckoutView.as_view(), name="checkout"),
    path("<int:pk>/pay/", PayOrderView.as_view(), name="order-pay"),
    path("<int:pk>/cancel/", CancelOrderView.as_view(), name="order-cancel"),
    path("<int:pk>/receipt/", OrderReceiptView.as_view(), name="order-receipt"),
    *router.urls,
]
