## País: se pregunta una vez, sin presión, la primera vez que se muestran líneas; /country lo cambia.

country-us = Estados Unidos
country-gb = Reino Unido
country-ie = Irlanda
country-ca = Canadá
country-au = Australia
country-es = España
country-mx = México
country-ar = Argentina
country-co = Colombia
country-other = Otro lugar
country-ask-crisis = Si me dices en qué país estás, te doy la línea de allí. Lo recordaré; /country lo cambia.
country-ask-abuse = ¿En qué país estás? Así te doy la línea adecuada. Lo recordaré; /country lo cambia.
country-ask =
    ¿En qué país estás? Solo lo uso para mostrarte las líneas de apoyo adecuadas.
    { $current }
country-current = Ahora mismo tengo guardado: { $name }.
country-current-none = Todavía no has elegido ninguno.
country-set = Hecho: { $name }. Las líneas de apoyo que te muestre serán de allí. /country lo cambia cuando quieras.
country-set-other = De acuerdo. Cuando haga falta, te indicaré { $directory }, donde hay líneas gratuitas de casi todos los países.

## Reflexión: una pregunta que busca tranquilidad se devuelve, nunca con un veredicto.

reflection-self = Es comprensible querer que alguien te diga si lo que sientes es "demasiado". Yo no puedo juzgarlo desde aquí, y no necesitas un veredicto para tomarte en serio lo que sientes. ¿Qué hay debajo de la pregunta: miedo, dolor, soledad?
reflection-mind = Querer saber qué pasa por su cabeza es muy humano. No puedo leerle la mente, y adivinar suele alimentar la alarma. ¿Qué miedo hay debajo de esas suposiciones?
reflection-love = Eso solo lo puede responder esa persona, y sobre todo con lo que hace con el tiempo, no con una respuesta de hoy. ¿Qué hace que ahora mismo te resulte tan urgente?
reflection-choice-ground = Una pausa de 60 segundos
reflection-choice-walk = Ayúdame a verlo paso a paso
reflection-choice-sit = Solo necesitaba decirlo
reflection-sit = Está bien. Decirlo en voz alta puede quitarle un poco de presión. Aquí estaré si el sentimiento vuelve.
reflection-named = Si quieres repasar lo que pasó, cuéntamelo. /ground está ahí para una pausa de un minuto.

## Conciencia del bucle y "surfear la ola"

wave-name = Esta preocupación ha vuelto { $count } veces en el último día. Así funciona el bucle: revisar o preguntar alivia unas horas, y luego la duda vuelve, a menudo más fuerte. ¿Quieres probar a surfear esta ola en lugar de perseguirla?
wave-ride = Surfear la ola
wave-full = Verlo todo paso a paso
wave-notice = Primero, fíjate en el impulso (el de revisar, preguntar o escribir) y en qué parte del cuerpo lo notas. ¿Con qué fuerza lo sientes ahora, de 1 (en calma) a 5 (muy fuerte)?
wave-wait = Ahora deja que el impulso esté ahí, sin actuar, durante 20 minutos, hasta más o menos las { $back_at }. Sin revisar, sin preguntar. Si puedes, mantén las manos ocupadas. Cuando vuelvas, elige la opción de abajo.
wave-back = Ya volví
wave-early = { $minutes ->
        [one] Ha pasado un minuto.
       *[other] Han pasado { $minutes } minutos.
    } Los impulsos suelen llegar a su punto más alto justo antes de bajar. ¿Le das un poco más de tiempo?
wave-keep = Seguir surfeándola
wave-rate-now = Puntuarlo ahora
wave-rerate = Hola de nuevo. ¿Con qué fuerza sientes ahora el impulso, de 1 (en calma) a 5 (muy fuerte)?
wave-lower = Pasó de { $before } a { $after }. Lo dejaste pasar sin alimentarlo, y bajó solo. Así se afloja el bucle, vuelta a vuelta.
wave-same = Sigue en { $after }. Es normal: algunas olas duran más. ¿Quieres un ejercicio para centrarte, o verlo todo paso a paso?
wave-higher = Subió de { $before } a { $after }. Algunas olas crecen antes de romper, y eso no es un fracaso. ¿Quieres un ejercicio para centrarte, o verlo todo paso a paso?
wave-choice-ground = Ejercicio para centrarme
wave-choice-done = Estoy bien por ahora
wave-done = De acuerdo. Aquí estoy si vuelve a subir.

## El plan de seguridad (/safetyplan), al estilo Stanley-Brown

plan-intro = Un plan de seguridad es una lista corta que escribes cuando estás bien, para un momento en que no lo estés. Seis partes pequeñas, y puedes saltarte cualquiera. ¿Empezamos?
plan-begin = Empecemos
plan-later = Ahora no
plan-later-text = De acuerdo. /safetyplan está aquí cuando lo quieras.
plan-ask-warning_signs = 1/6. ¿Qué te avisa de que se acerca un momento difícil? Pensamientos, sentimientos, situaciones. Unas palabras bastan. { $current }
plan-ask-coping = 2/6. ¿Qué puedes hacer por tu cuenta para sobrellevarlo un rato? Caminar, música, una ducha, un juego. { $current }
plan-ask-places = 3/6. ¿Qué personas o lugares te ayudan a despejarte? La casa de una amiga, un café, el gimnasio. { $current }
plan-ask-people = 4/6. ¿A quién podrías pedir ayuda y cómo te pondrías en contacto? Nombres y números sirven. { $current }
plan-ask-professionals = 5/6. ¿Qué profesionales o líneas contactarías? { $hint } { $current }
plan-ask-safer = 6/6. ¿Qué haría tu situación más segura en un momento difícil? Por ejemplo, dejar ciertas cosas fuera de tu alcance, o estar con alguien. { $current }
plan-current = (Ahora: "{ $value }". Escribe una respuesta nueva, o elige Saltar para conservarla.)
plan-hint-line = Por ejemplo: { $line }.
plan-hint-none = Por ejemplo, tu centro de salud, o una línea de { $directory }.
plan-title = Tu plan de seguridad
plan-label-warning_signs = Mis señales de alerta
plan-label-coping = Cosas que puedo hacer por mi cuenta
plan-label-places = Personas y lugares que me ayudan
plan-label-people = Personas a las que puedo pedir ayuda
plan-label-professionals = Profesionales y líneas
plan-label-safer = Hacer mi situación más segura
plan-show = Ese es tu plan. Puedes cambiarlo o dejarlo como está.
plan-edit = Cambiarlo
plan-delete = Borrarlo
plan-keep = Dejarlo así
plan-kept = De acuerdo, se queda como está.
plan-saved = Guardado. /safetyplan lo muestra cuando quieras, y te lo recordaré si las cosas se ponen difíciles. /mydata lo incluye; /forget lo borra.
plan-nothing = Todavía no hay nada guardado, y está bien. /safetyplan está aquí cuando quieras completarlo.
plan-delete-confirm = ¿Borrar tu plan de seguridad? No se puede deshacer.
plan-delete-yes = Sí, borrarlo
plan-delete-no = No, dejarlo
plan-deleted = Borrado. Puedes escribir uno nuevo con /safetyplan cuando quieras.

## Después del camino de abuso: seguridad en lugar de un guion para hablar con esa pareja

partner-unsafe-path = Antes me contaste algo que te asustó con tu pareja. Cuando alguien ha sido violento o controlador, plantearle lo que sientes no es un primer paso seguro, y no te toca a ti arreglarlo. Una línea de apoyo puede ayudarte a pensarlo; /help te la muestra.
partner-unsafe-communicate = Antes me contaste algo que te asustó con tu pareja, así que no voy a ayudarte a preparar una charla con esa persona: puede no ser seguro. Una línea de apoyo puede ayudarte a planear qué decir y cuándo; /help te la muestra.

## El segundo nivel del filtro de seguridad: preguntar de frente, nunca suponer

safety-check-ask = Eso suena muy duro, y antes de nada quiero preguntarte: ¿estás pensando en hacerte daño o en quitarte la vida, o alguien te está haciendo daño?
safety-check-self = Estoy pensando en hacerme daño
safety-check-hurt = Alguien me está haciendo daño
safety-check-safe = No, estoy a salvo
safety-check-thanks = Gracias por contármelo. Veamos qué pasó.
