## Nombres de los comandos tal como se escriben (/calma). Una sola fuente para todos los adaptadores:
## el motor los acepta y Discord los registra como comandos (minúsculas, sin espacios, máx. 32).

command-help = ayuda
command-trigger = ahora
command-ground = calma
command-learn = aprender
command-communicate = expresar
command-language = idioma
command-mydata = misdatos
command-forget = olvidar
command-stop = parar
command-nudge = recordatorio
command-timezone = zonahoraria
command-pause = pausa
command-quiet = silencio
command-safetyplan = plan
command-country = pais
command-start = inicio
command-journal = diario
command-circle = circulo
command-talk = hablar
command-helpers = ayudantes
