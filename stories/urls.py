"""A member's own stories, under /my-stories/ (in the language prefix)."""

from django.urls import path

from . import views

app_name = "stories"

urlpatterns = [
    path("", views.my_stories, name="mine"),
    path("tell/", views.tell, name="tell_start"),
    path("tell/<slug:step>/", views.tell, name="tell"),
    path("<int:pk>/change/", views.change, name="change_start"),
    path("<int:pk>/change/<slug:step>/", views.change, name="change"),
    path("<int:pk>/choices/", views.choices, name="choices"),
    path("<int:pk>/retract/", views.retract, name="retract"),
    path("<int:pk>/consent/", views.consent, name="consent"),
]
