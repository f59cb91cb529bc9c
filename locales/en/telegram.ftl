## Telegram: the command menu (setMyCommands), one short line per command, max 256 characters

telegram-cmd-start = What Groundwork is and how to use it
telegram-cmd-help = Everything I can do
telegram-cmd-trigger = Something just happened: go through it step by step
telegram-cmd-ground = A 60-second grounding exercise
telegram-cmd-learn = Short cards on insecurity
telegram-cmd-communicate = Put a worry into words for your partner
telegram-cmd-talk = Talk with a volunteer helper from your circle
telegram-cmd-circle = Ask a support circle you joined, anonymously (/circle ask)
telegram-cmd-language = English or Spanish
telegram-cmd-mydata = Everything I keep about you, as a file
telegram-cmd-forget = Delete everything I keep about you
telegram-cmd-stop = Leave the current conversation
telegram-cmd-safetyplan = Your safety plan, for the hardest moments
telegram-cmd-nudge = A daily check-in at a time you pick
telegram-cmd-pause = Pause daily check-ins for a few days
telegram-cmd-quiet = Hours when I won't message you
telegram-cmd-timezone = Your time zone
telegram-cmd-country = Which country's support lines to show

## Telegram: buttons and short notices

telegram-open-private = Open a private chat
telegram-reply-privately = I'd like to answer you privately. Tap below to open a chat with me.
telegram-not-yours = This button belongs to someone else's conversation.
telegram-button-unknown = This button doesn't work anymore. Tell me what's going on, or send /start.
telegram-text-only = I can only read text. Tell me in words what happened, whenever you're ready.
