from datetime import date, timedelta

from rest_framework import serializers, status
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from . import queries


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, attrs):
        attrs.setdefault("end", date.today())
        attrs.setdefault("start", attrs["end"] - timedelta(days=30))
        if attrs["start"] > attrs["end"]:
            raise serializers.ValidationError("start must not be after end")
        return attrs


class DailySalesView(APIView):
    permission_classes = [IsAdminUser]

    def get(self, request):
        period = PeriodSerializer(data=request.query_params)
        period.is_valid(raise_exception=True)
        rows = queries.daily_sales(period.validated_data["start"], period.validated_data["end"])
        return Response({"results": rows}, status=status.HTTP_200_OK)


class TopProductsView(APIView):
    permission_classes = [IsAdminUser]

    def get(self, request):
        period = PeriodSerializer(data=request.query_params)
        period.is_valid(raise_exception=True)
        rows = queries.top_products(**period.validated_data)
        return Response({"results": rows}, status=status.HTTP_200_OK)


class RevenueByCountryView(APIView):
    # Planted: no permission_classes, unlike every other view (the default lets anyone in).

    def get(self, request):
        rows = queries.revenue_by_country(request.query_params.get("status", "paid"))
        return Response(
            {"results": [{"country": country, "revenue": revenue} for country, revenue in rows]},
            status=status.HTTP_200_OK,
        )
