from django.db.models import Count, Q
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAdminUser, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Category, Product
from .serializers import CategorySerializer, ProductSerializer, StockAdjustmentSerializer
from .services import InsufficientStock, adjust_stock


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = CategorySerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Category.objects.annotate(
            product_count=Count("products", filter=Q(products__is_active=True))
        )


class ProductViewSet(viewsets.ModelViewSet):
    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = ProductSerializer
    filterset_fields = ["category__slug", "is_active"]
    search_fields = ["name", "sku"]

    def get_queryset(self):
        queryset = Product.objects.select_related("category")
        if not self.request.user.is_staff:
            queryset = queryset.filter(is_active=True)
        return queryset

    @action(detail=True, methods=["post"], permission_classes=[IsAdminUser])
    def adjust_stock(self, request, pk=None):
        serializer = StockAdjustmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            product = adjust_stock(int(pk), **serializer.validated_data)
        except InsufficientStock as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        return Response(ProductSerializer(product).data)


class LowStockView(APIView):
    permission_classes = [IsAdminUser]

    def get(self, request):
        # Planted: raw SQL where the rest of the project queries through the ORM.
        products = Product.objects.raw(
            "SELECT * FROM catalog_product WHERE is_active AND stock <= reorder_level ORDER BY stock"
        )
        data = ProductSerializer(products, many=True).data
        return Response({"count": len(data), "results": data}, status=status.HTTP_200_OK)
