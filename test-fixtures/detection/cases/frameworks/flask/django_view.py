from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required # expect-no-pattern: flask/auth/login-required
def dashboard(request):
    return render(request, "dashboard.html")


@register.route("/x") # expect-no-pattern: flask/errors/error-handler
def routed():
    return None
