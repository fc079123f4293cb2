"""Members' pages for narrative evaluations, under /evaluation/ (in the language prefix)."""

from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.evaluation_list, name="evaluations"),
    path("<slug:slug>/", views.evaluation_detail, name="evaluation"),
    path("<slug:slug>/tell/", views.tell, name="tell"),
    path("<slug:slug>/stories/<int:pk>/", views.tell, name="story"),
    path("<slug:slug>/stories/<int:pk>/signifiers/", views.signifiers, name="signifiers"),
    path("<slug:slug>/stories/<int:pk>/delete/", views.delete, name="delete"),
]
