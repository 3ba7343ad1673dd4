"""Views for boards and meetings, one module per part of the meeting cycle."""
