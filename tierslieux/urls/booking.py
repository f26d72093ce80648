from django.urls import path

from tierslieux.views import booking

urlpatterns = [
    path("bookings/", booking.my_bookings, name="my_bookings"),
    path("bookings/<int:pk>/", booking.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/<str:action>/", booking.booking_action, name="booking_action"),
    path("p/<slug:slug>/bookings/", booking.place_bookings, name="place_bookings"),
    path("p/<slug:slug>/bookings.ics", booking.place_feed, name="place_bookings_feed"),
    path("p/<slug:slug>/equipment/<int:pk>/book/", booking.equipment_calendar, name="equipment_calendar"),
    path("p/<slug:slug>/equipment/<int:pk>/booking-settings/", booking.equipment_settings, name="equipment_settings"),
    path("p/<slug:slug>/equipment/<int:pk>/bookings.ics", booking.equipment_feed, name="equipment_bookings_feed"),
]
