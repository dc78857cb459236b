from django.urls import path

from . import views

app_name = "widgets"
urlpatterns = [
    path("", views.configure, name="configure"),
    path("news.js", views.news_js, name="news-js"),
]
