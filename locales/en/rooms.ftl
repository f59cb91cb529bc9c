## Help rooms (issue 14): a private room with volunteer helpers. Helpers see a code, never a name.

## /talk: the short form before a room opens (private chat).
talk-in-private = Talking with a helper starts in a private chat with me. Nobody here will see that you asked.
talk-no-circle = Rooms with helpers belong to a support circle, and none of your groups has helpers yet. I'm still here: write to me, or try /ground for a minute's reset.
talk-already-open = Your room { $code } is still open. Write here and I'll pass it on to your helpers.
talk-full = All the helpers' rooms are taken right now. While you wait, /ground can take the edge off in a minute.
    If it gets heavier: { $line }
talk-ask-what = In a sentence or two, what's going on? The helpers will read this before they join.
talk-ask-help = What would help most right now?
talk-help-listen = Someone to listen
talk-help-think = Think it through
talk-help-company = Just some company
talk-still-here = When you're ready, the room is still here for you.
talk-audience-telegram = Before your room opens: the helpers of your circle, in their own private group, will be able to see it. They'll know you only as { $code }. Helpers are peers, not professionals.
talk-audience-discord = Before your room opens: the helpers who take it, and the server's moderators, will be able to see it. It's named { $code }, never by your name. Helpers are peers, not professionals.
talk-confirm = They'll see: "{ $said }"
    What would help: { $help }
    Open the room?
talk-open = Open the room
talk-cancel = Not now
talk-cancelled = Okay, no room. You can ask again with /talk whenever you like.
talk-button-passed = That button belongs to an earlier step. Type /talk to start again.
talk-busy = I couldn't open the room just now. Please try again in about { $minutes } min; your words are kept.
talk-opened = Your room { $code } is open. A helper will join soon; write here and I'll pass it on. When you're okay, press "I'm okay now".

## Inside a room.
room-okay = I'm okay now
room-line = My crisis line
room-your-line =
    You can reach a person any time: { $line }
    { $known ->
        [yes] { $emergency }
       *[no] { $directory }
            { $emergency }
    }
room-from-owner = { $code }: { $text }
room-from-helper = Helper { $number }: { $text }
room-helper-joined = Helper { $number } has joined your room.
room-helper-left = Helper { $number } had to leave. Another helper can join; your room stays open.
room-helper-left-room = Helper { $number } is no longer in this room.
room-resources-shown-crisis = { $code } wrote something that sounded like a crisis. They were shown their crisis line privately. Stay with them, and don't handle it alone: ask for backup.
room-resources-shown-abuse = { $code } wrote something about being hurt or threatened. They were shown where to get help privately. Stay with them, and ask for backup.
room-risk-noticed-crisis = Something { $code } just wrote may mean they are thinking about hurting themselves. Ask them directly and calmly whether they are safe right now. If they aren't, give their line and stay with them; ask for backup.
room-risk-noticed-abuse = Something { $code } just wrote may mean someone is hurting or threatening them. Ask gently whether they are safe right now; if they aren't, point them to help and ask for backup.
room-owner-line-crisis =
    Your words went to the room. If you're thinking about hurting yourself, you don't have to wait for a reply.
    { $line }
room-owner-line-abuse =
    Your words went to the room. If someone is hurting or threatening you, you don't have to wait for a reply.
    { $line }
room-owner-waiting = No helper has picked up your room yet, and I've asked again. Meanwhile, /ground is a one-minute reset.
    If it gets heavier: { $line }
room-owner-closed-owner = Your room is closed. I'm glad you reached out. It will be deleted in a few days.
room-owner-closed-helper = A helper closed your room. If you need more, /talk opens a new one. It will be deleted in a few days.
room-owner-closed-quiet = Your room closed after a quiet day. /talk opens a new one whenever you need it.

## For helpers: the card, and what the bot posts in a room.
room-card = Room { $code } · What would help: { $help }
room-card-said = They wrote: "{ $said }"
room-card-resources = Crisis resources were shown to them privately.
room-card-rules = You're a peer, not a professional. Two rules: nobody handles a crisis alone (give the line and stay, and ask for backup), and never move to DMs.
room-card-waiting = Waiting for a helper.
room-card-claimed = With: { $helpers }
room-card-helper = Helper { $number } ({ $name })
room-card-closed = This room is closed.
room-claim = Claim
room-backup = I need backup
room-close = Close
room-intro = Write here to talk with { $code }; they'll see you as "Helper 1", "Helper 2". Their messages arrive here.
room-press-claimed = You're Helper { $number } in this room.
room-press-backup = Backup asked for.
room-press-done = Closed.
room-press-closed = This room is closed.
room-ping-backup = Room { $code } needs another helper.
room-ping-waiting = Room { $code } has waited 10 minutes for a helper.
room-backup-asked = Backup was asked for; another helper can press Claim.
room-closed-by-owner = They said they're okay now. Room closed.
room-closed-by-helper = A helper closed this room.
room-closed-by-quiet = Closed after 24 hours without messages.

## /helpers: linking a circle to its helpers' forum group (admins).
helpers-groups-only = /helpers is set up by admins, in groups.
helpers-how = To give this circle helpers: make a separate forum supergroup for them, add me as an admin who can manage topics, and type there: /helpers { $chat }
helpers-need-forum = This group needs topics turned on (a forum) for help rooms.
helpers-days = Rooms are kept for 3 to 7 days after they close, for example /helpers -100123 5.
helpers-no-circle = I found no circle there that you're an admin of. Set the circle up first with /circle.
helpers-need-rights = I need to be an admin here with the right to manage topics.
helpers-done = Done: this group holds the circle's help rooms. Each room is deleted { $days } days after it closes.

## Discord: the room is a private thread in the circle's channel.
talk-title = Talk with a helper
talk-ask-what-short = What's going on?
talk-opened-discord = Your room { $code } is open: a private thread in this channel that only you, your helpers and the moderators can see. A helper will join soon.
room-welcome = Welcome to room { $code }. Helpers are peers, not professionals: they're here to listen, not to judge or diagnose. Take your time.
    When you're okay, press "I'm okay now" and the room closes. If things get heavier, "My crisis line" shows you a person to call, any time.
room-not-yours = That button isn't for you.
room-helpers-only = Only the circle's helpers can take rooms.
helpers-no-circle-here = This channel isn't a circle yet. Set it up first with /circle setup.
helpers-done-discord = Done: this circle's rooms open as private threads here, and their cards go to the helpers' channel. Each room is deleted { $days } days after it closes.
rooms-perm-private-threads = Create Private Threads
rooms-perm-send-threads = Send Messages in Threads
rooms-perm-manage-threads = Manage Threads
rooms-perm-pin = Manage Messages (to pin the room's card)
discord-cmd-talk = Ask for a private room with one of the circle's helpers
discord-cmd-helpers = Name this circle's helpers: their role and their channel
discord-opt-helpers-role-name = role
discord-opt-helpers-role = The role your helpers have
discord-opt-helpers-channel-name = channel
discord-opt-helpers-channel = A channel only helpers can see, for the rooms' cards
discord-opt-helpers-days-name = days
discord-opt-helpers-days = Days a room is kept after it closes (3 to 7)
helpers-missing-permissions = I can't run help rooms here yet. I'm missing: { $missing }. Give me those (here and in the helpers' channel), then run /helpers again.
room-followup-offer-yes = Check in tomorrow
room-followup-offer-no = No need
room-followup-yes = I'll check in with you tomorrow morning.
room-followup-no = Okay. I'm here whenever you want to talk.

## The terminal: you play the helpers too.
talk-audience-console = Before your room opens: in the terminal you play the helpers yourself (:room claim as hal, :room say hal hello). They'd know you only as { $code }. Helpers are peers, not professionals.
console-room-helpers-see = Helpers see: { $text }
console-room-ready = The circle has helpers now. Try /talk, then play a helper with :room claim as hal.
console-room-help = Room commands: :room setup (after :circle setup), :room claim as hal, :room say hal hello, :room backup as hal, :room close as hal.
