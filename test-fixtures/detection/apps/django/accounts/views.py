import logging

from django.db import transaction
from rest_framework import generics, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated

from .models import Address
from .serializers import AddressSerializer, ProfileSerializer, RegistrationSerializer

logger = logging.getLogger(__name__)


class RegisterView(generics.CreateAPIView):
    permission_classes = [AllowAny]
    serializer_class = RegistrationSerializer

    def perform_create(self, serializer):
        user = serializer.save()
        logger.info("New account %s registered", user.pk)


class ProfileView(generics.RetrieveUpdateAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ProfileSerializer

    def get_object(self):
        return self.request.user


class AddressViewSet(viewsets.ModelViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = AddressSerializer

    def get_queryset(self):
        return Address.objects.filter(owner=self.request.user)

    @transaction.atomic
    def perform_create(self, serializer):
        if serializer.validated_data.get("is_default"):
            Address.objects.filter(owner=self.request.user).update(is_default=False)
        serializer.save(owner=self.request.user)
