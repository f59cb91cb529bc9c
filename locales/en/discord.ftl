## Discord adapter: slash command names and descriptions (names must be lowercase, no spaces)

discord-cmd-help = What I can do, and where to find support any time
discord-cmd-trigger = Worry spiking? Tell me what happened, privately
discord-cmd-ground = A 60-second grounding exercise
discord-cmd-learn = Short cards on insecurity and building security
discord-cmd-communicate = Put a worry into words for your partner
discord-cmd-language = Choose English or Spanish
discord-cmd-mydata = Get everything I keep about you, as a file
discord-cmd-forget = Delete everything I keep about you
discord-cmd-stop = Leave the current conversation

## /trigger in a server: the private form

discord-trigger-modal-title = What happened?
discord-trigger-modal-label = In your own words
discord-trigger-modal-placeholder = Only you and I will see this.

## Buttons and direct messages

discord-not-yours = These buttons belong to someone else's conversation. Use /trigger or /ground to start your own, just for you.
discord-dms-closed = I can't send you direct messages, so I won't be able to check in with you later. To allow it, turn on direct messages in this server's privacy settings, then pick a time again.
discord-dm-followup-note = I'll check in with you here when the time comes. You can always write to me here, too.

## Scheduling commands (shown once their flows exist)

discord-cmd-nudge = A short daily check-in at a time you choose
discord-opt-nudge-name = time
discord-opt-nudge = A time like 07:30, or "off"
discord-cmd-timezone = Set your time zone for check-ins
discord-opt-timezone-name = zone
discord-opt-timezone = A zone like Europe/Madrid
discord-cmd-pause = Take a break from daily check-ins
discord-opt-pause-name = days
discord-opt-pause = Like 3d, or "off" to resume
discord-cmd-quiet = Hours when I stay silent
discord-opt-quiet-name = hours
discord-opt-quiet = Like 22:00-08:00, or "off"
discord-cmd-safetyplan = Your plan for hard moments: warning signs, what helps, who to call
discord-cmd-country = Which country's support lines I show you
