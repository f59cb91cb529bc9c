## El flujo del momento

trigger-ask-what = ¿Qué pasó? Con unas pocas palabras basta.
trigger-ack = { $topic ->
    [texting] Esperar una respuesta y rellenar el silencio con suposiciones agota. Es normal sentir ese nudo.
    [comparison] Comparar tu relación con la de otras personas duele enseguida. Lo que sientes es real.
    [jealousy] Los celos pueden llegar de golpe. Es incómodo, y está bien que lo sientas.
    [monitoring] Las ganas de revisar pueden parecer imposibles de ignorar. Gracias por detenerte aquí antes.
    [reassurance] Necesitar saber que todo está bien con esa persona pesa mucho. Vamos a ir más despacio.
    [partner] Lo que cuentas inquietaría a mucha gente. Miremos esto con calma.
   *[other] Suena muy incómodo. Gracias por ponerlo en palabras.
}

diagnostic-question = Una pregunta para pensarla con calma: ¿alguien sin tu pasado también se preocuparía por esta situación concreta?
diagnostic-others-too = Sí, casi cualquiera
diagnostic-my-history = Seguramente viene de mi pasado
diagnostic-unsure = No lo sé

discriminator-familiar = ¿Este sentimiento es nuevo con esta pareja o ya lo conoces de otras relaciones?
discriminator-new = Nuevo con esta pareja
discriminator-familiar-yes = Ya lo conozco
discriminator-partner = Últimamente, ¿tu pareja ha sido inconstante, deshonesta o te ha quitado importancia?
discriminator-partner-yes = Sí, a veces
discriminator-partner-no = No mucho

internal-step = { $topic ->
    [texting] Parece peligro, pero es una alarma que aprendió a sonar antes de tiempo, no un hecho. Un paso: elige un plazo, por ejemplo 45 minutos, y no revises nada hasta entonces. Fíjate en qué pasa con lo que sientes mientras esperas.
    [monitoring] Las ganas de revisar son la alarma pidiendo alivio. Prueba esto: cuando lleguen, ponles nombre ("ganas de revisar") y retrásalas 20 minutos. Si las dejas estar, suben y bajan solas.
    [reassurance] Esa necesidad de tener una respuesta ya mismo es una alarma antigua. Pregúntate: si una persona a la que quieres te contara esto, ¿qué le dirías? Escríbetelo.
    [comparison] Estás comparando tus días normales con los mejores momentos de otras personas. Nombra tres cosas pequeñas y reales de tu semana que una foto nunca mostraría.
    [jealousy] Los celos señalan un miedo, no un hecho. Pregúntate qué miedo hay debajo, como que te dejen o sentirte menos, y qué necesitarías para sentirte en calma.
   *[other] Parece urgente, pero puede ser una alarma que aprendió a sonar antes de tiempo, no un hecho de ahora. Ponle nombre a lo que sientes con una palabra y déjalo estar dos minutos sin actuar.
}
offer-communicate = Ayúdame a decírselo
offer-raise-it = Ayúdame a plantearlo

relationship-step =
    { $signal ->
        [lying] Que te mientan es un motivo real de preocupación. No es que seas demasiado sensible. Vale la pena plantearlo desde lo que notaste y cómo te afecta, no como un veredicto.
        [hot_cold] Que un día haya cariño y al siguiente distancia inquietaría a casi cualquiera. Es una señal real, y es justo querer entenderla.
        [dismissal] Que te digan "eres demasiado sensible" cuando expresas una necesidad es un problema real, no un defecto tuyo. Tus necesidades merecen ser escuchadas.
        [hidden_contact] Descubrir que te ocultaba el contacto con alguien es un motivo real para sentirte mal. Es justo sacarlo con calma y preguntar.
       *[none] Si casi cualquiera se preocuparía, vale la pena tomarlo en serio. Es justo plantearlo, desde lo que notaste y cómo te afecta.
    }
    Si alguna vez no te sientes a salvo con esa persona, /help te muestra dónde pedir apoyo.

rate-now = ¿Con qué fuerza lo sientes ahora, de 1 (en calma) a 5 (muy fuerte)?
rate-1 = 1 · en calma
rate-2 = 2
rate-3 = 3
rate-4 = 4
rate-5 = 5 · muy fuerte

followup-offer = ¿Quieres que te escriba más tarde para ver cómo sigues? Solo una vez.
followup-1h = En 1 hora
followup-3h = En 3 horas
followup-tomorrow = Mañana por la mañana
followup-no = No, gracias

trigger-close-internal = { $followup ->
    [no] De acuerdo. Acabas de hacer algo difícil: dejaste que la alarma sonara sin obedecerla. Aquí estoy cuando me necesites.
   *[other] De acuerdo, te escribo hacia el { $followup_at }. Mientras tanto, ve con calma: la alarma puede sonar sin que tengas que hacerle caso.
}
trigger-close-relationship = { $followup ->
    [no] De acuerdo. Lo que notaste merece que lo tomes en serio, y te diste un momento para calmarte antes de decidir qué hacer. Aquí estoy cuando me necesites.
   *[other] De acuerdo, te escribo hacia el { $followup_at }. Lo que notaste merece que lo tomes en serio, y no tienes que decidir ahora mismo qué hacer.
}
trigger-close-unsafe = De acuerdo. Mereces sentirte a salvo con la gente que tienes cerca. La línea de apoyo está ahí cuando la necesites; /help te la vuelve a mostrar. Yo también estoy aquí.

## /ground

ground-after = Ese minuto para ti cuenta. Si quieres hablar de algo, cuéntame qué pasó.

## Ayuda para comunicar

communicate-feeling = Vamos a contarlo desde lo que pasa dentro de ti, no como una acusación. ¿Qué es lo que más sientes?
feeling-anxious = Ansiedad
feeling-hurt = Dolor
feeling-lonely = Soledad
feeling-unsure = Dudas sobre lo nuestro
communicate-need = ¿Qué te ayudaría a sentirte más en calma con esa persona?
need-talk = Una charla tranquila
need-plan = Saber cuándo hablaremos
need-honesty = Sinceridad sobre lo que pasó
need-closeness = Algo de cercanía
communicate-words = ¿Qué pasó? Escríbelo en una línea, como se lo dirías a esa persona. Por ejemplo: "dijiste que me llamarías y no lo hiciste". O elige Saltar.
communicate-draft = Aquí tienes un comienzo que puedes cambiar:
    "{ $said ->
        [none] Últimamente { $feeling ->
            [anxious] siento ansiedad
            [hurt] hay algo que me duele
            [lonely] te siento lejos
           *[unsure] tengo dudas sobre lo nuestro
        }.
       *[other] Cuando { $said }, { $feeling ->
            [anxious] me entró ansiedad
            [hurt] me dolió
            [lonely] te sentí lejos
           *[unsure] me entraron dudas sobre lo nuestro
        }.
    } { $route ->
        [relationship] Me gustaría que lo habláramos.
       *[other] Puede que sea un miedo antiguo mío, pero prefiero contártelo antes que guardármelo.
    } Me ayudaría { $need ->
        [plan] saber cuándo vamos a hablar.
        [honesty] que me contaras con sinceridad lo que pasó.
        [closeness] pasar un rato cerca de ti.
       *[talk] una charla tranquila, tú y yo.
    }"{ $aside ->
        [none] {""}
       *[other] {"\u000A"}Escribiste: "{ $aside }". Dicho a esa persona, podría empezar así: "Cuando me dijiste…".
    }
communicate-tips = Díselo en un momento tranquilo, habla de una sola cosa y luego escucha. Cómo lo recibe también te dice algo.
communicate-closing = Tómate tu tiempo. No tienes que enviarlo hoy, y puedes cambiar cada palabra.
