"""The schedule (日程): meetings, customer visits, demos and bid openings with their
attendees, on the app calendar and the iCalendar feeds; made from a thread too."""
