from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def legal(request: HttpRequest) -> HttpResponse:
    return render(request, "legal.html")


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for the container orchestrator: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
