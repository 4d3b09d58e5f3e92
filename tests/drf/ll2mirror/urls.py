from rest_framework import routers

from .views import Spacecraft220ViewSet, SpacecraftViewSet

router = routers.SimpleRouter()
router.register(r"2.3.0/spacecraft", SpacecraftViewSet)
router.register(r"2.2.0/spacecraft", Spacecraft220ViewSet, basename="spacecraft-2.2.0")
urlpatterns = router.urls
