import json

from django import http
from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView

from .models import Order


def _client_ip(request): # expect-no-pattern: django/api/function-view
    return request.META.get("REMOTE_ADDR")


@login_required # expect-pattern: django/auth/login-required
def order_list(request): # expect-pattern: django/api/function-view  expect-no-pattern: django/api/class-based-view
    orders = Order.objects.filter(customer__user=request.user).select_related("customer")
    return render(request, "orders/list.html", {"orders": orders})


@permission_required("orders.change_order") # expect-pattern: django/auth/login-required
def order_detail(request, pk): # expect-pattern: django/api/function-view
    order = get_object_or_404(Order, pk=pk)
    return render(request, "orders/detail.html", {"order": order})


@csrf_exempt # expect-pattern: django/security/csrf-exempt  expect-no-pattern: django/auth/login-required
def payment_webhook(request):
    payload = json.loads(request.body)
    return JsonResponse({"received": payload.get("id")})


@staticmethod # expect-no-pattern: django/security/csrf-exempt, django/auth/login-required
def helper():
    return None


class OrderDetailView(DetailView): # expect-pattern: django/api/class-based-view  expect-no-pattern: django/auth/view-without-permissions, django/auth/view-with-permissions
    model = Order
    template_name = "orders/detail.html"

    def get(self, request, *args, **kwargs): # expect-no-pattern: django/api/function-view
        return super().get(request, *args, **kwargs)


def finish_response(request, response): # expect-no-pattern: django/api/function-view
    # A handler helper, not a view: it renders a lazy TemplateResponse it was given.
    if not getattr(response, "is_rendered", True) and callable(getattr(response, "render", None)):
        response = response.render()
    return response


def order_cancel(request, pk): # expect-pattern: django/api/function-view
    Order.objects.filter(pk=pk, customer__user=request.user).update(status="cancelled")
    return http.HttpResponseRedirect("/orders/")
