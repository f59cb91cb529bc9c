## Telegram: el menú de comandos (setMyCommands), una línea corta por comando, máx. 256 caracteres

telegram-cmd-start = Qué es Groundwork y cómo usarlo
telegram-cmd-help = Todo lo que puedo hacer
telegram-cmd-trigger = Acaba de pasar algo: vamos paso a paso
telegram-cmd-ground = Un ejercicio de 60 segundos para volver al cuerpo
telegram-cmd-learn = Tarjetas breves sobre la inseguridad
telegram-cmd-communicate = Poner en palabras una preocupación para tu pareja
telegram-cmd-talk = Hablar con una persona voluntaria de tu círculo
telegram-cmd-circle = Pregúntale a un círculo de apoyo, sin tu nombre (/circle ask)
telegram-cmd-language = Español o inglés
telegram-cmd-mydata = Todo lo que guardo sobre ti, en un archivo
telegram-cmd-forget = Borrar todo lo que guardo sobre ti
telegram-cmd-stop = Dejar la conversación actual
telegram-cmd-safetyplan = Tu plan de seguridad, para los momentos más difíciles
telegram-cmd-nudge = Un mensaje diario a la hora que elijas
telegram-cmd-pause = Pausar los mensajes diarios unos días
telegram-cmd-quiet = Horas en las que no te escribo
telegram-cmd-timezone = Tu zona horaria
telegram-cmd-country = De qué país mostrar las líneas de ayuda

## Telegram: botones y avisos breves

telegram-open-private = Abrir un chat privado
telegram-reply-privately = Prefiero responderte en privado. Toca abajo para abrir un chat conmigo.
telegram-not-yours = Este botón es de la conversación de otra persona.
telegram-button-unknown = Este botón ya no funciona. Cuéntame qué está pasando o envía /start.
telegram-text-only = Solo puedo leer texto. Cuéntame con palabras qué pasó, cuando quieras.
