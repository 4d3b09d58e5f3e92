from rest_framework import routers

from .views import SpacecraftViewSet

router = routers.SimpleRouter()
router.register(r"2.3.0/spacecraft", SpacecraftViewSet)
urlpatterns = router.urls
