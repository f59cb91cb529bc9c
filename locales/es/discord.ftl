## Discord adapter: slash command names and descriptions (names must be lowercase, no spaces)

discord-cmd-help = Lo que puedo hacer y dónde encontrar apoyo en cualquier momento
discord-cmd-trigger = ¿Te sube la preocupación? Cuéntame qué pasó, en privado
discord-cmd-ground = Un ejercicio de 60 segundos para volver al presente
discord-cmd-learn = Tarjetas breves sobre la inseguridad y cómo ganar seguridad
discord-cmd-communicate = Pon en palabras una preocupación para tu pareja
discord-cmd-language = Elige español o inglés
discord-cmd-mydata = Recibe en un archivo todo lo que guardo sobre ti
discord-cmd-forget = Borra todo lo que guardo sobre ti
discord-cmd-stop = Deja la conversación actual

## /trigger in a server: the private form

discord-trigger-modal-title = ¿Qué pasó?
discord-trigger-modal-label = Con tus propias palabras
discord-trigger-modal-placeholder = Solo tú y yo veremos esto.

## Buttons and direct messages

discord-not-yours = Estos botones son de la conversación de otra persona. Usa /ahora o /calma para empezar la tuya, solo para ti.
discord-dms-closed = No puedo enviarte mensajes directos, así que no podré escribirte más tarde. Para permitirlo, activa los mensajes directos en la configuración de privacidad de este servidor y vuelve a elegir una hora.
discord-dm-followup-note = Te escribiré por aquí cuando llegue el momento. Tú también puedes escribirme aquí cuando quieras.

## Scheduling commands (shown once their flows exist)

discord-cmd-nudge = Una breve pregunta diaria a la hora que elijas
discord-opt-nudge-name = hora
discord-opt-nudge = Una hora como 07:30, o "desactivar"
discord-cmd-timezone = Elige tu zona horaria para los recordatorios
discord-opt-timezone-name = zona
discord-opt-timezone = Una zona como America/Mexico_City
discord-cmd-pause = Tómate un descanso de los recordatorios diarios
discord-opt-pause-name = dias
discord-opt-pause = Por ejemplo 3d, o "reanudar"
discord-cmd-quiet = Horas en las que no te escribo
discord-opt-quiet-name = horas
discord-opt-quiet = Por ejemplo 22:00-08:00, o "desactivar"
discord-cmd-safetyplan = Tu plan para momentos difíciles: señales, lo que ayuda, a quién llamar
discord-cmd-country = De qué país te muestro las líneas de apoyo
