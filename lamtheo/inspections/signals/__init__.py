"""Formalism signals (dấu hiệu hình thức): where an inspection may be worth it.

Counts computed from the records already there, for each cell and month (or year, for the
registrations), stored by `compute_signals` (signals/compute.py) and only read by the pages.
A signal is a count, not an accusation: each kind says why it may mean formalism and when it
may not (signals/kinds.py).
"""
