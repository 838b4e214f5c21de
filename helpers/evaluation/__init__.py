"""Predictions turned into clinical numbers: binary and multi-class metrics, alarms."""
