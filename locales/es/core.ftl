## Botones compartidos y respuestas breves

choice-done = Hecho
choice-another = Otro
choice-skip = Saltar
choice-continue = Seguir
input-empty = No me llegó nada. Cuéntame qué pasó, con pocas o muchas palabras.
pick-a-choice = Elige una de las opciones de abajo (también sirve su número), o escribe /stop para dejarlo por ahora.
choice-passed = Esa pregunta ya quedó atrás. Seguimos desde aquí:
stopped = De acuerdo, lo dejamos aquí. Aquí estaré cuando quieras retomarlo.
unknown-command = No conozco /{ $command }. /help muestra lo que puedo hacer.
error-generic = Perdona, algo falló por mi parte. Vuelve a intentarlo en un momento.
error-not-stored = Perdona, algo falló por mi parte y no pude guardar ese mensaje. ¿Me lo vuelves a enviar en un momento?
group-go-private = Esto es personal, así que mejor hablemos en privado. Toca abajo para abrir un chat privado conmigo.

## /start

start-welcome =
    Hola, soy Groundwork. Cuando la preocupación por tu relación se dispara, te ayudo a bajar el ritmo, entender qué te dice lo que sientes y elegir un siguiente paso.
    No sustituyo a una terapia ni soy un servicio de emergencias.
start-how = Cuando te pase, cuéntame qué ocurrió con tus propias palabras. O prueba /ground para una pausa de un minuto.
start-privacy = Lo que escribes queda entre nosotros: /mydata te lo muestra todo y /forget lo borra. En /help está todo lo demás.

## /help

help-commands =
    Cuéntame qué pasó (o /trigger) y lo vemos paso a paso.
    /ground: una pausa de un minuto
    /learn: tarjetas sobre la inseguridad
    /communicate: palabras para tu pareja
    /safetyplan: tu plan para momentos difíciles
    /journal: tus momentos y tu semana
    /circle ask, /talk: tu círculo, gente voluntaria
    /stop: salir de esta conversación
    /nudge /quiet /pause /timezone: la pregunta diaria
    /language /country: idioma y líneas de apoyo
    /start /mydata /forget: qué soy, tus datos, borrarlo todo
    ¿Estás en peligro o piensas en hacerte daño? Dímelo o llama a emergencias; en findahelpline.com hay líneas gratuitas.

## /language

language-pick = ¿En qué idioma prefieres que te hable?
language-en = English
language-es = Español
language-detected = Te contesto en español. Si prefieres otro idioma, escribe /language.
language-set = Hecho: desde ahora te hablo en español.

## /mydata y /forget

mydata-ready = Aquí tienes, en un archivo, todo lo que guardo sobre ti. Puedes borrarlo todo con /forget.
forget-confirm = Esto borra todo lo que guardo sobre ti: ajustes, diario, los círculos en los que estás, tus preguntas abiertas y tus salas de ayuda (con sus publicaciones y conversaciones), y cualquier mensaje que tuviera programado. No se puede deshacer. ¿Seguimos?
forget-yes = Sí, borrarlo todo
forget-no = No, mantenerlo
forget-done = Hecho. Todo lo tuyo está borrado. Si vuelves a escribir, empezamos de cero.
forget-kept = De acuerdo, todo sigue como estaba.

## Consola

console-intro = Groundwork, en tu terminal. Escribe un número para elegir una opción, :advance 1h para adelantar el reloj y Ctrl-D para salir.
console-no-choices = Ahora mismo no hay nada que elegir. Cuéntame qué pasó.
console-bad-choice = No hay ninguna opción con ese número. Elige una del 1 al { $count }.
console-bad-meta = Solo conozco :advance, por ejemplo :advance 90m, :advance 3h o :advance 2d.
console-bad-advance = No pude leer ese tiempo. Prueba :advance 90m, :advance 3h o :advance 2d.
console-returning = Me alegra verte de nuevo. Cuéntame qué pasó o escribe /help.
console-advanced = No había nada pendiente por el camino. El reloj marca ahora { $time }.

## Charla (flows/smalltalk.yaml): no es una preocupación, así que ni recorrido ni entrada en el diario

smalltalk-greeting = Hola, soy Groundwork. Cuando la inquietud por tu relación se dispara, te ayudo a bajar el ritmo y a encontrar un siguiente paso. Cuéntame qué pasó, con pocas o muchas palabras, o prueba /ground para una pausa de un minuto.
smalltalk-thanks = De nada. Trátate con cariño hoy; aquí estoy cuando me necesites.
smalltalk-okay = De acuerdo. Aquí estoy cuando quieras hablar de algo.
smalltalk-distress = Parece un momento difícil. ¿Quieres contarme qué pasó o prefieres probar primero una pausa de un minuto?
smalltalk-tell = Contarte qué pasó
smalltalk-reset = Una pausa de un minuto
smalltalk-unclear = No te entendí. Cuéntame qué pasó con tus palabras, o escribe /help.
nothing-open = Ahora mismo no hay nada abierto, así que no hay nada que responder. Cuéntame qué te preocupa, o escribe /help para ver lo que puedo hacer.

## Palabras escritas en un paso que pregunta (el `input` del paso en flows/): se escuchan y se sigue

heard-feeling = "{ $feeling }". Gracias por ponerle nombre. Un sentimiento con nombre pesa un poco menos.
heard-words = Gracias por ponerlo en palabras.
heard-look-closer = Gracias. Veámoslo desde dos lados, una pregunta cada vez.
heard-no-number = Gracias por contármelo. No hace falta un número.
language-typed = Puedo escribir en inglés o en español. Elige uno o escribe su nombre.
