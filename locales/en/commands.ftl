## Command names as typed (/ground). One source for every adapter: the engine accepts them,
## Discord registers them as slash-command names (lowercase, no spaces, at most 32 characters).

command-help = help
command-trigger = trigger
command-ground = ground
command-learn = learn
command-communicate = communicate
command-language = language
command-mydata = mydata
command-forget = forget
command-stop = stop
command-nudge = nudge
command-timezone = timezone
command-pause = pause
command-quiet = quiet
command-safetyplan = safetyplan
command-country = country
command-start = start
command-journal = journal
command-circle = circle
command-talk = talk
command-helpers = helpers
