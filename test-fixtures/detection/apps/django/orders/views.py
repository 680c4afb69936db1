from django.shortcuts import get_object_or_404
from rest_framework import generics, mixins, status, viewsets
from rest_framework.permissions import IsAdminUser, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services
from .models import Order
from .serializers import CheckoutSerializer, OrderSerializer


class OrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = OrderSerializer

    def get_permissions(self):
        if self.action == "list" and self.request.query_params.get("all"):
            return [IsAdminUser()]
        return [IsAuthenticated()]

    def get_queryset(self):
        if self.request.user.is_staff and self.request.query_params.get("all"):
            return Order.objects.prefetch_related("lines__product")
        return Order.objects.filter(customer=self.request.user).prefetch_related("lines__product")


class CheckoutView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request):
        serializer = CheckoutSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            order = services.place_order(
                request.user,
                serializer.validated_data["items"],
                serializer.validated_data["shipping_address"],
            )
        except services.OrderError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        return Response(OrderSerializer(order).data, status=status.HTTP_201_CREATED)


class PayOrderView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, pk):
        order = get_object_or_404(Order, pk=pk, customer=request.user)
        method = request.data.get("payment_method")
        if not method:
            # Planted: a bare number where the project writes status.HTTP_* constants.
            return Response({"detail": "payment_method is required"}, status=400)
        try:
            services.charge(order, method)
        except services.PaymentDeclined as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_402_PAYMENT_REQUIRED)
        return Response(OrderSerializer(order).data)


class CancelOrderView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, pk):
        order = get_object_or_404(Order, pk=pk, customer=request.user)
        try:
            services.cancel_order(order, request.data.get("reason", "cancelled by customer"))
        except services.OrderError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        return Response(OrderSerializer(order).data, status=status.HTTP_200_OK)


class OrderReceiptView(generics.RetrieveAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = OrderSerializer

    def get_queryset(self):
        return Order.objects.filter(customer=self.request.user, status=Order.Status.PAID)
