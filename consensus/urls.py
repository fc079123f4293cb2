"""Members' pages for consensus studies, under /consensus/ (in the language prefix)."""

from django.urls import path

from . import views

app_name = "consensus"

urlpatterns = [
    path("", views.study_list, name="studies"),
    path("<slug:slug>/", views.study_detail, name="study"),
    path("<slug:slug>/round/<int:number>/", views.round_page, name="round"),
    path("<slug:slug>/round/<int:number>/save/", views.round_save, name="round_save"),
    path("<slug:slug>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:slug>/results/", views.study_results, name="results"),
    path("<slug:slug>/results/round/<int:number>/", views.round_results, name="round_results"),
]
