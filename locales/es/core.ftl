## Botones compartidos y respuestas breves

choice-done = Listo
choice-another = Otro
choice-skip = Saltar
choice-continue = Seguir
input-empty = No me llegó nada. Cuéntame qué pasó, con pocas o muchas palabras.
pick-a-choice = Toca una de las opciones de abajo o escribe su número. Con /stop lo dejamos por ahora.
choice-passed = Esa pregunta ya pasó. Aquí es donde estamos ahora.
stopped = Vale, lo dejamos aquí. Estoy cuando quieras retomarlo.
unknown-command = No conozco /{ $command }. /help muestra lo que puedo hacer.
error-generic = Algo falló de mi lado, perdona. Inténtalo de nuevo en un momento.
error-not-stored = Algo falló de mi lado y no pude guardar ese mensaje. ¿Me lo vuelves a enviar en un momento?
group-go-private = Esto es personal, así que mejor hablemos en privado. Toca abajo para abrir un chat privado conmigo.

## /start

start-welcome =
    Hola, soy Groundwork. Cuando la preocupación por tu relación se dispara, te ayudo a bajar el ritmo, entender qué te dice lo que sientes y elegir un siguiente paso.
    No soy terapia ni un servicio de emergencias.
start-how = Cuéntame qué pasó, con tus palabras, en el momento en que te pase. O prueba /ground para una pausa de un minuto.
start-privacy = Lo que escribes queda entre nosotros: /mydata te lo muestra todo y /forget lo borra. /help tiene el resto.

## /help

help-commands =
    Cuéntame qué pasó cuando quieras y vamos paso a paso.
    /ground: un ejercicio breve para volver al cuerpo
    /learn: tarjetas cortas sobre la inseguridad
    /communicate: poner en palabras una preocupación para tu pareja
    /language: español o inglés
    /nudge: una pregunta al día
    /mydata: todo lo que guardo sobre ti
    /forget: borrarlo todo
    /stop: salir de la conversación actual
    /safetyplan: tu plan para momentos difíciles
    /country: dónde estás, para darte las líneas adecuadas
    ¿En peligro o pensando en hacerte daño? Dímelo, o llama a emergencias; findahelpline.com tiene líneas gratuitas.

## /language

language-pick = ¿En qué idioma prefieres?
language-en = English
language-es = Español
language-set = Listo, desde ahora te hablo en español.

## /mydata y /forget

mydata-ready = Aquí tienes, en un archivo, todo lo que guardo sobre ti. Puedes borrarlo todo con /forget.
forget-confirm = Esto borra todo lo que guardo sobre ti: ajustes, diario y cualquier mensaje que tuviera programado. No se puede deshacer. ¿Seguimos?
forget-yes = Sí, borrarlo todo
forget-no = No, mantenerlo
forget-done = Hecho. Todo lo tuyo está borrado. Si vuelves a escribir, empezamos de cero.
forget-kept = Vale, no se borró nada.

## Consola

console-intro = Groundwork, en tu terminal. Cuéntame qué pasó o escribe /help. Los números eligen una opción; :advance 1h adelanta el tiempo; Ctrl-D para salir.
console-no-choices = Ahora mismo no hay nada que elegir. Cuéntame qué pasó.
console-bad-choice = No hay ninguna opción con ese número. Elige una del 1 al { $count }.
console-bad-meta = Solo conozco :advance, por ejemplo :advance 90m, :advance 3h o :advance 2d.
console-bad-advance = No pude leer ese tiempo. Prueba :advance 90m, :advance 3h o :advance 2d.
