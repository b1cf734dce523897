from django.apps import AppConfig


class DemoConfig(AppConfig):
    """seed_demo and the demo data, kept out of the runtime apps."""

    name = "demo"
