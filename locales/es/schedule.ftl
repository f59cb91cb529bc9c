## Seguimientos (bot/scheduling, flows/followup.yaml)

followup-ask-ontime = Paso a preguntarte, como quedamos. Antes te pesaba { $about }. ¿Cuánto te pesa ahora, del 1 (en calma) al 5 (muy fuerte)?
followup-ask-late = Llego más tarde de lo previsto, perdona. Antes te pesaba { $about }. ¿Cuánto te pesa ahora, del 1 (en calma) al 5 (muy fuerte)?
followup-about-texting = esperar un mensaje
followup-about-comparison = comparar tu relación con otras
followup-about-jealousy = una sensación de celos
followup-about-monitoring = el impulso de revisar
followup-about-reassurance = la necesidad de oír que todo está bien
followup-about-partner = algo que hizo tu pareja
followup-about-other = algo de tu relación
followup-about-group = algo
followup-skip = Ahora no
followup-eased = Pasó de { $before } a { $after }. La sensación subió y luego bajó, y no tuviste que revisar nada para que pasara.
followup-same = Sigue cerca de { $after }, parecido al { $before } de antes. Está bien; hay sensaciones que tardan más en asentarse. Trátate con cariño hoy.
followup-noted = Gracias, anotado: { $after } de 5. Sea cual sea el número, te detuviste a mirarlo, y eso cuenta.
followup-still-strong = Sigue fuerte. ¿Quieres un ejercicio de un minuto para volver al cuerpo, o contarme qué está pasando ahora?
followup-rose = Subió de { $before } a { $after }. Puede pasar, y no significa que hayas hecho nada mal. ¿Quieres un ejercicio de un minuto para volver al cuerpo, o contarme qué está pasando ahora?
followup-ground = Ejercicio breve
followup-talk = Contarte qué pasa
followup-later = Quizá más tarde
followup-skipped = De acuerdo. Aquí estoy cuando quieras hablar.

## Recordatorios diarios (flows/nudge.yaml)

nudge-checkin =
    Pregunta del día: ¿cuánta inquietud sientes hoy, de 1 (en calma) a 5 (muy fuerte)?
    Una idea para hoy: { $tip }
nudge-stop-these = No enviar más
nudge-thanks-low = Gracias por tu honestidad. Un día bajo es información, no un veredicto. Si algo te pasa más tarde, cuéntamelo.
nudge-thanks-mid = Gracias. Estar a mitad de camino está bien. Aquí estoy si surge algo.
nudge-thanks-high = Qué bien. Fíjate en qué te ayudó hoy; vale la pena recordarlo.
nudge-stopped = Hecho: no te enviaré más preguntas diarias. /nudge las vuelve a activar cuando quieras.
nudge-heard = Gracias por contármelo. Si algo te pesa, cuéntame qué pasó cuando quieras.

## /nudge

nudge-menu =
    { $state ->
        [on] La pregunta diaria está activada, a las { $time } ({ $tz }).
       *[off] La pregunta diaria está desactivada.
    } Una pregunta corta y una idea pequeña al día. ¿A qué hora te viene bien? Con /timezone cambias la zona horaria.
nudge-at-0800 = 08:00
nudge-at-0900 = 09:00
nudge-at-1300 = 13:00
nudge-at-1900 = 19:00
nudge-at-2100 = 21:00
nudge-other-time = Otra hora
nudge-turn-off = Desactivar
nudge-ask-time = ¿A qué hora? Escríbela como HH:MM, por ejemplo 07:30.
nudge-saved = Hecho: una pregunta cada día a las { $time }, hora de { $tz }. La primera: { $next_at }. /pause para tomarte un descanso, /nudge off para desactivarlas.
nudge-off = La pregunta diaria está desactivada. /nudge la vuelve a activar.
nudge-invalid = "{ $value }" no es una hora que pueda usar. Prueba HH:MM en formato de 24 horas, como /nudge 09:00, o /nudge off.
nudge-in-quiet = Las { $time } caen dentro de tus horas de silencio ({ $quiet }), así que no enviaría nada. Elige otra hora o cámbialas con /quiet.

## /nudge después de la ruta de abuso: se pregunta una vez, sin revelar nada si alguien lo ve

nudge-device-ask = Antes de activarlo: estos mensajes aparecen en este dispositivo a la hora que elijas. ¿Te parece bien?
nudge-device-ok = Sí, me parece bien
nudge-device-no = No, mejor no
nudge-device-no-done = De acuerdo, no enviaré nada. Puedes escribirme aquí cuando te venga bien.

## /timezone

tz-pick = Tu zona horaria es { $tz }. Elige la más cercana o escribe su nombre (como America/Mexico_City).
tz-los-angeles = Los Ángeles (UTC−8/−7)
tz-mexico-city = Ciudad de México (UTC−6)
tz-bogota = Bogotá, Lima (UTC−5)
tz-new-york = Nueva York (UTC−5/−4)
tz-buenos-aires = Buenos Aires (UTC−3)
tz-london = Londres, Lisboa (UTC+0/+1)
tz-madrid = Madrid, París, Berlín (UTC+1/+2)
tz-kolkata = India (UTC+5:30)
tz-sydney = Sídney (UTC+10/+11)
tz-other = Escribir otra
tz-ask = Escribe tu zona horaria como Región/Ciudad, por ejemplo America/Bogota o Europe/Madrid.
tz-saved = Zona horaria: { $tz }. Tu hora local ahora: { $local_now }.
tz-invalid = No conozco la zona horaria "{ $value }". Usa un nombre Región/Ciudad, como /timezone Europe/Madrid.

## /pause

pause-pick = ¿Por cuánto tiempo quieres pausar la pregunta diaria?
pause-1d = 1 día
pause-3d = 3 días
pause-7d = 7 días
pause-resume = Reanudar ya
pause-saved = En pausa hasta { $until }. Los seguimientos que pidas siguen llegando; /pause off reanuda antes.
pause-resumed = La pregunta diaria vuelve a su horario, si la tienes activada (/nudge).
pause-invalid = "{ $value }" no es una pausa que entienda. Prueba con un número de días hasta 30, como /pause 3d, o /pause off.

## /quiet

quiet-pick = Horas de silencio: { $quiet }. En ese rango no te llega nada programado; un seguimiento que caiga dentro espera a que terminen.
quiet-2208 = De 22:00 a 08:00
quiet-2307 = De 23:00 a 07:00
quiet-2109 = De 21:00 a 09:00
quiet-other = Otro horario
quiet-turn-off = Sin horas de silencio
quiet-ask = Escribe el rango como HH:MM-HH:MM, por ejemplo 23:30-07:00.
quiet-saved = Horas de silencio: { $quiet }, en tu hora local.
quiet-off = Sin horas de silencio: los mensajes programados pueden llegar a cualquier hora.
quiet-invalid = "{ $value }" no es un rango que pueda usar. Prueba inicio-fin en formato de 24 horas, como /quiet 22:00-08:00, o /quiet off.

## /stop

stop-offer = { $scheduled ->
        [several] Los mensajes que programaste seguirán llegando.
        [weekly] Tu resumen semanal del diario seguirá llegando.
        [nudges] Tu pregunta diaria seguirá llegando.
       *[followup] El seguimiento que me pediste seguirá llegando.
    } ¿Quieres desactivar también los mensajes programados?
stop-all-off = Sí, desactívalos
stop-keep = No, déjalos
stop-all-off-done = Hecho: ya no te llegará nada programado. Con /nudge vuelves a activar los mensajes diarios.
stop-kept = De acuerdo, se quedan como están.
