from django.urls import path
from rest_framework.routers import DefaultRouter

from .views import AddressViewSet, ProfileView, RegisterView

router = DefaultRouter()
router.register("addresses", AddressViewSet, basename="address")

urlpatterns = [
    path("register/", RegisterView.as_view(), name="register"),
    path("me/", ProfileView.as_view(), name="profile"),
    *router.urls,
]
