"""Helpers for the course Deep Learning for Medical Diagnosis."""
