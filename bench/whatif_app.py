"""Knobs for what-if runs (installed only by bench/whatif_settings.py, never by the app).

BENCH_PUSH_INTERVAL: the leaderboard hub's PUSH_INTERVAL in seconds (the app's is 0.25), to
measure vote-to-screen latency against fan-out cost before changing the constant in the app.
"""

import os

from django.apps import AppConfig


class WhatIfConfig(AppConfig):
    name = "whatif_app"
    label = "bench_whatif"

    def ready(self):
        interval = os.environ.get("BENCH_PUSH_INTERVAL")
        if interval:
            from voting import leaderboard_hub

            leaderboard_hub.PUSH_INTERVAL = float(interval)
