"""Samen-Spel (Playing-2-gether): a target child's plan, its sessions and their fidelity.

overview.py is the place (every target child), child.py one child's plan and sessions,
plan_form.py / close_out.py / session_form.py the dialogs that write, why.py the deck's
reason for twice a week. Nothing is imported here: each screen when it is first opened
(the palette's and the help's checks walk the package).
"""
