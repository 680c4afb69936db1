from rest_framework import status
from rest_framework.response import Response


def create(request):
    serializer = OrderSerializer(data=request.data)
    if not serializer.is_valid():
        return Response(serializer.errors, status=400) # expect-pattern: api/status-code-literal  expect-no-pattern: api/status-code-named
    serializer.save()
    return Response(serializer.data, status=status.HTTP_201_CREATED) # expect-pattern: api/status-code-named  expect-no-pattern: api/status-code-literal


def lookup(request):
    return Response({"count": 400}) # expect-no-pattern: api/status-code-literal


def cancel(request, pk):
    try:
        order = cancel_order(pk)
    except OrderError as exc:
        return Response({"detail": str(exc)}, status=409) # expect-pattern: api/status-code-literal  expect-no-pattern: api/status-code-named
    return Response(OrderSerializer(order).data, status=status.HTTP_200_OK) # expect-pattern: api/status-code-named  expect-no-pattern: api/status-code-literal
