from django.urls import path

from .views import DailySalesView, RevenueByCountryView, TopProductsView

urlpatterns = [
    path("daily-sales/", DailySalesView.as_view(), name="daily-sales"),
    path("top-products/", TopProductsView.as_view(), name="top-products"),
    path("revenue-by-country/", RevenueByCountryView.as_view(), name="revenue-by-country"),
]
