## Grounding exercises: each id after "exercise-" is one exercise; every locale has the same set.

exercise-breathing = Want to try a 60-second reset? Breathe in for 4, hold for 2, out slowly for 6. Do it five times and let your shoulders drop on each out-breath.
exercise-senses = Let's come back to the room. Name 5 things you can see, 4 you can hear, 3 you can touch, 2 you can smell and 1 you can taste. Slowly.
exercise-feet = Press your feet into the floor and notice the ground holding you. Feel your back against the chair. Stay with that weight for a few breaths.
exercise-name = Try naming the feeling in one or two words: "fear", "hurt", "lonely". Just naming it can take a little of its heat away.
exercise-temperature = If you can, hold something cold (a glass of water, or your hands under cold running water) for thirty seconds. Notice the sensation. It gives your body something real to hold on to.
exercise-facts = Let's split facts from stories. A fact is what a camera would record ("no reply since 2pm"). A story is what the alarm adds ("they're pulling away"). Which is which right now?
exercise-hand = Put a hand on your chest or your belly. Feel it rise and fall. You don't need to change anything, just notice that you're breathing and you're here.
exercise-wave = Picture the feeling as a wave. It rises, peaks and falls, even if you do nothing. Notice how strong it is right now, and watch whether it shifts over the next minute.
exercise-count = Count backwards from 50 in threes: 50, 47, 44... If you lose track, just start again. It gives the racing part of your mind a job.
exercise-stretch = Stand up if you can. Reach your arms up, then let them fall. Roll your shoulders back twice. Your body can tell your mind it's safe enough right now.
