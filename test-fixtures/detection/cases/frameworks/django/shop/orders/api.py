from django.db import connection
from rest_framework import generics, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Order
from .serializers import OrderSerializer


class OrderViewSet(viewsets.ModelViewSet): # expect-pattern: django/api/class-based-view, django/auth/view-with-permissions  expect-no-pattern: django/auth/view-without-permissions
    serializer_class = OrderSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self): # expect-no-pattern: django/api/function-view
        return Order.objects.filter(customer__user=self.request.user) # expect-pattern: django/data_access/orm-query  expect-no-pattern: django/data_access/raw-sql


class OrderStatsView(APIView): # expect-pattern: django/api/class-based-view, django/auth/view-without-permissions  expect-no-pattern: django/auth/view-with-permissions
    def get(self, request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM orders_order WHERE total > %s", [100]) # expect-pattern: django/data_access/raw-sql  expect-no-pattern: django/data_access/orm-query
            (count,) = cursor.fetchone()
        return Response({"large_orders": count})


class RecentOrdersView(generics.ListAPIView): # expect-pattern: django/api/class-based-view, django/auth/view-with-permissions
    serializer_class = OrderSerializer

    def get_permissions(self):
        return [IsAuthenticated()]

    def get_queryset(self):
        return Order.objects.raw("SELECT * FROM orders_order ORDER BY created_at DESC LIMIT 20") # expect-pattern: django/data_access/raw-sql
