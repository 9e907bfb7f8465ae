"""The discussion board (BBS/论坛): boards, threads and posts; tasks and the schedule
made from them."""
