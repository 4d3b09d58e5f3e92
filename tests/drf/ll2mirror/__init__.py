"""A small Django REST Framework + django-filter mirror of LL2's spacecraft
endpoint: the oracle hangar's tests ask what the real stack answers.

See ../mirror.py for how to start it.
"""
