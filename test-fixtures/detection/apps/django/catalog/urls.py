from django.urls import path
from rest_framework.routers import DefaultRouter

from .views import CategoryViewSet, LowStockView, ProductViewSet

router = DefaultRouter()
router.register("categories", CategoryViewSet, basename="category")
router.register("products", ProductViewSet, basename="product")

urlpatterns = [
    path("low-stock/", LowStockView.as_view(), name="low-stock"),
    *router.urls,
]
