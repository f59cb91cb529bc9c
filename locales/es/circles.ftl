## Círculos de apoyo (issue 13): el check-in diario y anónimo de un grupo. Nunca un nombre, solo totales.

circle-post = ¿Con cuánta fuerza suena hoy la alarma? Elige un número: 1 es en calma, 5 es muy fuerte. Nadie ve quién eligió qué, y cuentas una sola vez.
circle-totals-waiting = Los totales aparecen cuando hayan respondido { $needed } personas.
circle-totals = { $answers } respuestas por ahora: 1 → { $a1 } · 2 → { $a2 } · 3 → { $a3 } · 4 → { $a4 } · 5 → { $a5 }
circle-post-closed = La pregunta de hoy ya cerró. Mañana llega la siguiente.
circle-answer-1 = 1 · en calma
circle-answer-2 = 2
circle-answer-3 = 3
circle-answer-4 = 4
circle-answer-5 = 5 · muy fuerte
circle-open-private = Hablarlo en privado

circle-press-counted = Contado, de forma anónima.
circle-press-changed = Cambiado. Sigues contando una sola vez.
circle-press-same = Ya respondiste eso hoy.
circle-press-closed = Esa pregunta ya cerró. La siguiente llega a la hora de siempre del círculo.
circle-press-unknown = Esa pregunta ya no está.
circle-offer-none = Si eso cambia más tarde, me tienes a un mensaje privado.
circle-offer-talk = ¿Quieres hablarlo? Abre un chat privado conmigo; nadie de aquí lo verá.
circle-offer-ground = Una alarma fuerte pesa. ¿Probamos una pausa de 60 segundos? Mándame /ground por privado.

circle-setup-done = Desde ahora esto es un círculo de apoyo. Cada día a las { $time } ({ $zone }) publicaré una pregunta anónima en { $language }. Solo se muestran totales, y solo cuando hayan respondido 3 personas.
circle-setup-changed = Círculo actualizado: la pregunta llega cada día a las { $time } ({ $zone }), en { $language }.
circle-setup-how = Puedes cambiarlo igual, por ejemplo /circle 20:00 America/Mexico_City es. /circle off termina el círculo y borra lo que guardó.
circle-setup-unreadable = No entendí "{ $value }". Prueba con una hora como 20:00, una zona horaria como America/Bogota y un idioma: en o es.
circle-setup-ask = Para empezar un círculo aquí, dime la hora de la pregunta diaria, la zona horaria y el idioma, por ejemplo /circle 20:00 Europe/Madrid es.
circle-language-en = inglés
circle-language-es = español
circle-off-done = Este círculo terminó. Todo lo que guardaba está borrado.
circle-off-none = Ahora mismo no hay ningún círculo aquí.
circle-admins-only = Solo quienes administran este grupo pueden crear o terminar un círculo.
circle-manage-server-only = Solo quienes pueden gestionar este servidor pueden crear o terminar un círculo.
circle-groups-only = Los círculos viven en grupos: añádeme a uno y manda /circle allí. ¿Ya estás en un círculo? Pulsa «Unirme a este círculo» debajo de alguna de sus publicaciones y podrás preguntarle cosas desde aquí.
circle-servers-only = Los círculos viven en canales de un servidor. Usa /circle setup en el canal que quieras.
circle-missing-permissions = Todavía no puedo llevar un círculo en este canal. Me falta: { $missing }. Dame esos permisos aquí y vuelve a usar /circle setup.
circle-perm-view = Ver canal
circle-perm-send = Enviar mensajes
circle-perm-embed = Insertar enlaces

console-circle-help = Comandos del círculo: :circle setup 20:00 Europe/Madrid es, :circle press 4, :circle press 2 as sam, :circle join, :circle answer worried|not|unsure as sam, :circle report, :circle moderators (los reportes llegan a esta terminal), :circle remove CÓDIGO, :circle block CÓDIGO, :circle off. Para preguntarle al círculo, usa /circulo preguntar.
console-circle-no-ask = Todavía no hay ninguna pregunta publicada en el círculo. Únete con :circle join y pregunta con /circulo preguntar.
console-circle-no-post = Todavía no hay pregunta. Crea un círculo y usa :advance hasta su hora.

discord-cmd-circle = Crea o termina el círculo de apoyo de este canal
discord-cmd-circle-setup = Convierte este canal en un círculo con una pregunta diaria y anónima
discord-cmd-circle-setup-name = crear
discord-cmd-circle-off = Termina el círculo de este canal y borra sus datos
discord-cmd-circle-off-name = terminar
discord-opt-circle-time = Hora de la pregunta diaria, por ejemplo 20:00
discord-opt-circle-time-name = hora
discord-opt-circle-zone = Zona horaria, por ejemplo Europe/Madrid
discord-opt-circle-zone-name = zona
discord-opt-circle-language = El idioma del círculo
discord-opt-circle-language-name = idioma

telegram-cmd-circle-admin = Crear o terminar el círculo de apoyo de este grupo
## Preguntar al círculo (issue 13, partes 3 y 4): la pregunta de alguien, publicada solo como la confirmó.

circle-join = Unirme a este círculo
circle-join-joined = Te uniste a este círculo. Nadie aquí se entera. Para preguntarle algo, escríbeme /circulo preguntar en nuestro chat privado.
circle-join-already = Ya estás en este círculo. Para preguntarle algo, escríbeme /circulo preguntar en nuestro chat privado.
circle-join-unknown = Este círculo ya terminó, así que no hay nada a lo que unirse.
circle-ask-post = Alguien de este círculo pregunta: ¿te preocuparía esto?

    «{ $text }»

    Responde con un botón. Nadie ve quién pulsó qué, y lo que se escriba aquí no le llega. Código { $code }
circle-ask-answer-worried = A mí también me preocuparía
circle-ask-answer-not = A mí no
circle-ask-answer-unsure = No lo sé
circle-report = Denunciar
circle-report-unavailable = En este círculo todavía no se pueden enviar denuncias. Si esta publicación te inquieta, avisa a quienes administran el grupo.
circle-ask-answer-counted = Gracias. Tu respuesta le llega en privado, sin tu nombre.
circle-ask-answer-changed = Cambiada. Sigues contando una sola vez.
circle-ask-answer-same = Ya habías dado esa respuesta.
circle-ask-answer-gone = Esta pregunta ya se cerró.
circle-ask-result = El círculo respondió a tu pregunta { $code }. «A mí también me preocuparía»: { $worried }. «A mí no»: { $not }. «No lo sé»: { $unsure }.
circle-ask-reflect-none = Esta vez nadie respondió. Eso no dice nada de ti ni de tu pregunta, y lo que sientes sigue contando.
circle-ask-reflect-worried = A la mayoría también le inquietaría. Eso no decide qué está pasando; quizá valga la pena hablarlo con calma. El círculo solo vio lo que escribiste, y lo que sientes es real en cualquier caso.
circle-ask-reflect-not = A la mayoría no le preocuparía lo que escribiste. Lo que sientes sigue siendo real: puede ser una alarma antigua que salta antes de tiempo. El círculo solo vio tus palabras, no toda la historia.
circle-ask-reflect-mixed = Las respuestas están divididas, y eso también es una respuesta: las mismas palabras le llegan distinto a cada persona. El círculo solo vio lo que escribiste, y lo que sientes es real en cualquier caso.

circle-ask-not-member = Para preguntarle a un círculo, primero únete a uno: pulsa «Unirme a este círculo» debajo de alguna de sus publicaciones. Nadie allí se entera de quién se une.
circle-ask-overview = Tus círculos: { $circles }. { $live ->
        [0] Ahora mismo no tienes ninguna pregunta abierta.
        [one] Tienes una pregunta abierta.
       *[other] Tienes { $live } preguntas abiertas.
    }
circle-ask-choice-ask = Preguntar a un círculo
circle-ask-choice-withdraw = Retirar mis preguntas
circle-ask-choice-withdraw-this = Retirarla
circle-ask-choice-this = Este círculo
circle-ask-choice-other = Otro círculo
circle-ask-choice-cancel = Cancelar
circle-ask-choice-post = Publicarla
circle-ask-choice-edit = Cambiarla
circle-ask-choice-keep = Mantenerlas
circle-ask-untitled = círculo { $n }
circle-ask-pick = ¿A qué círculo le pregunto? { $circle }
circle-ask-write = Cuéntame qué pasó, en una o dos frases. Le preguntaré a { $circle } si le preocuparía, y antes te enseñaré la publicación. Deja fuera nombres y detalles que puedan señalarte.
circle-ask-preview = Esto es exactamente lo que vería { $circle }, bajo «Alguien de este círculo pregunta»:

    «{ $draft }»

    { $removed } No se publica nada hasta que pulses «Publicarla»; para cambiarla, vuelve a escribirla.
circle-ask-removed = Quité { $what }.
circle-ask-removed-name = un nombre
circle-ask-removed-handle = un @usuario
circle-ask-removed-phone = un número de teléfono
circle-ask-removed-email = un correo electrónico
circle-ask-removed-link = un enlace
circle-ask-empty = Al quitar nombres, usuarios, números y enlaces no quedó nada que preguntar. Intenta contar lo que pasó sin ellos.
circle-ask-too-long = Son { $length } caracteres, y en una publicación del círculo caben { $limit }. ¿Puedes decirlo más corto?
circle-ask-posted = Publicada en { $circle } con el código { $code }. Dentro de 24 horas, o tras 10 respuestas, te contaré aquí cómo respondieron, y la publicación se borrará.
circle-ask-blocked = Quienes moderan este círculo han bloqueado tus publicaciones allí. Aquí puedes seguir hablándolo conmigo.
circle-ask-limit-user = Hoy ya le preguntaste a este círculo. Mañana podrás volver a hacerlo; mientras tanto, aquí estoy si quieres hablarlo.
circle-ask-limit-circle = Este círculo ya recibió todas las preguntas que admite por hoy. Vuelve a intentarlo mañana; mientras tanto, aquí estoy si quieres hablarlo.
circle-ask-failed = Ahora mismo no pude publicarla en el círculo. No se publicó nada. Puedes intentarlo más tarde.
circle-ask-withdraw-confirm = { $count ->
        [one] Tienes una pregunta abierta ({ $codes }). ¿La retiro? Se borrará la publicación y no te enviaré sus respuestas.
       *[other] Tienes { $count } preguntas abiertas ({ $codes }). ¿Las retiro? Se borrarán las publicaciones y no te enviaré sus respuestas.
    }
circle-ask-withdraw-none = No tienes ninguna pregunta abierta en ningún círculo.
circle-ask-withdrawn = { $count ->
        [0] Esa pregunta ya se había cerrado.
        [one] Retirada. Borré la publicación.
       *[other] Retiradas. Borré las { $count } publicaciones.
    }
circle-ask-kept = Queda como estaba.
circle-ask-cancelled = Cancelado. No se publicó nada.
circle-offer-unsure = «No lo sé» es una respuesta válida. Estás en un círculo de apoyo: ¿quieres preguntarle, de forma anónima, si le preocuparía esto? Verás la publicación antes de que salga.
circle-offer-ask = Preguntar a mi círculo
circle-offer-sort = Verlo aquí
discord-cmd-circle-ask = Pregúntale a un círculo al que te uniste si le preocuparía, sin tu nombre
discord-cmd-circle-ask-name = preguntar
discord-opt-circle-question = Qué pasó, en una o dos frases (antes verás la publicación)
discord-opt-circle-question-name = pregunta
circle-ask-in-private = Las preguntas al círculo se escriben en un chat privado conmigo, para que nadie vea quién pregunta.
circle-ask-open-private = Preguntar en privado

## Moderación sin desenmascarar (rama circles-mod): quien modera ve una publicación y su código, nunca a una persona.
circle-report-thanks = Gracias por avisar. La moderación lo va a revisar, y nadie sabrá quién lo reportó.
circle-report-already = Ya reportaste esta publicación. La moderación ya la tiene.
circle-report-gone = Esta publicación ya no está.
circle-mod-report = Alguien reportó una publicación del círculo. Código: { $code }. Reportes hasta ahora: { $reports }. Aquí nadie puede ver quién la escribió ni quién la reportó.
circle-mod-words = Lo que dice la publicación: { $words }
circle-mod-remove = Quitar
circle-mod-block = Bloquear este código
circle-mod-done-removed = Se quitó la publicación.
circle-mod-done-blocked = La publicación ya no está, y quien escribió { $code } ya no puede publicar en este círculo.
circle-mod-removed = Listo: se quitó la publicación con el código { $code }.
circle-mod-already-gone = La publicación con el código { $code } ya había terminado.
circle-mod-blocked = Listo: quien escribió { $code } ya no puede publicar en este círculo. Ni tú ni nadie sabrá quién es.
circle-mod-already-blocked = { $code } ya estaba bloqueado en este círculo.
circle-mod-unknown = Ese reporte ya no está abierto.
circle-mod-only = Solo quienes administran este chat pueden actuar sobre los reportes.
circle-mod-only-discord = Solo quienes pueden gestionar mensajes en este canal pueden actuar sobre los reportes.
circle-removed-note = La moderación del círculo quitó tu pregunta. Puede doler. No dice nada de lo que sientes, que es real. Si quieres, podemos verlo aquí con calma.
circle-blocked-note = La moderación del círculo quitó tu pregunta y ya no puedes publicar en ese círculo. No saben quién eres. Aquí, en privado, puedes seguir hablando conmigo de lo que quieras.

circle-mods-link = Para elegir adónde van los reportes de este círculo, añádeme al grupo de moderación y escribe allí, en los próximos 15 minutos: /circulo moderadores { $code }. Solo funciona si administras los dos grupos.
circle-mods-linked = Desde ahora los reportes del círculo llegan a este chat. Verás cada publicación reportada y su código, nunca quién la escribió ni quién la reportó.
circle-mods-bad-code = Ese código ya no sirve. Manda /circulo moderadores en el grupo del círculo para recibir uno nuevo.
circle-mods-not-admin = Solo quien administre los dos grupos puede elegir adónde van los reportes.
circle-mods-cant-post = No puedo enviar mensajes en ese chat. Dame permiso para escribir allí y vuelve a intentarlo.
circle-mods-set = Desde ahora los reportes de este círculo van a { $channel }. Allí se verá cada publicación reportada y su código, nunca quién la escribió ni quién la reportó.
circle-mods-missing = Todavía no puedo publicar reportes en { $channel }. Me falta: { $missing }. Dame esos permisos allí y vuelve a intentarlo.
circle-mods-no-circle = Todavía no hay un círculo en este canal. Usa primero /circle setup aquí.
discord-cmd-circle-moderators = Elige el canal al que llegan los reportes de este círculo
discord-cmd-circle-moderators-name = moderacion
discord-opt-circle-channel = El canal de moderación
discord-opt-circle-channel-name = canal
