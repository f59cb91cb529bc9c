## Respuestas de crisis y de abuso. Cortas, directas, cálidas; una sola línea, nunca una lista.

crisis-resources =
    Me alegra mucho que me lo hayas contado. Mereces que una persona te acompañe ahora mismo.
    { $crisis_line }
    { $emergency_line }
    { $directory_line }
crisis-line =
    { $known ->
        [yes] La línea de tu país: { $crisis_line }
       *[no] { $crisis_line } { $directory_line }
    }
    { $emergency_line }
crisis-ground = Una cosa pequeña, solo si puedes: apoya los dos pies en el suelo y suelta el aire despacio, tardando más en soltarlo que en tomarlo. Tres veces. Estoy aquí.
crisis-plan = Ese es el plan que escribiste para un momento así. Elige una cosa que puedas hacer en los próximos minutos.
crisis-stay = Me quedo contigo. Tómate tu tiempo: escribe lo que quieras o elige una opción de abajo.
crisis-choice-better = Me ayudó un poco
crisis-choice-talk = Quiero seguir hablando
crisis-choice-misread = Me entendiste mal
crisis-better = { $plan ->
        [shown] Me alegra, aunque sea un poco. La línea de arriba está ahí de día y de noche, y tu plan también, para cuando lo vuelvas a necesitar.
       *[other] Me alegra, aunque sea un poco. La línea de arriba está ahí de día y de noche. Cuando te sientas con más calma, /safetyplan te ayuda a anotar lo que te sirve, para la próxima vez.
    }
crisis-talk = Te escucho. Cuéntame qué está pasando, con las palabras que sean. Si empeora, por favor llama o escribe a la línea de arriba: una persona de allí puede hacer más que yo.
crisis-misread = Gracias por decírmelo, y perdona por interrumpir. Prefiero preguntar a pasarlo por alto. Cuéntame qué pasa y seguimos desde ahí. /help siempre muestra dónde pedir apoyo.

crisis-heard =
    Gracias por contármelo. Suena muy duro, y no tienes que cargarlo a solas.
    { $crisis_line }
    ¿Quieres seguir escribiendo, o probar un ejercicio corto para centrarte?
crisis-choice-more = Seguir escribiendo
abuse-heard =
    Gracias por confiarme esto. Nada de esto es culpa tuya.
    { $abuse_line }
    Si quieres, sigue escribiendo, pero solo lo que sea seguro para ti.

abuse-safe-check =
    Lo que cuentas suena aterrador, y no es culpa tuya.
    { $emergency_line }
    Primero: ¿puedes hablar con seguridad ahora mismo?
abuse-choice-safe = Sí, puedo hablar
abuse-choice-unsafe = No del todo
abuse-line =
    { $abuse_line }
    { $directory_line }
    Allí saben cómo ayudar en situaciones así y pueden ayudarte a hacer un plan, a tu ritmo. No tienes que decidir nada hoy.
abuse-care =
    Algo importante, dicho claro: con alguien que te hace daño, te amenaza o te controla, contarle cómo te sientes no es un primer paso seguro. Prepáralo con la ayuda de la línea, no a solas.
    Puedes borrar todo lo de aquí cuando quieras con /forget.
abuse-choice-ok = De acuerdo
abuse-unsafe =
    De acuerdo, corto y rápido. { $emergency_line }
    { $abuse_line } { $directory_line }
    /forget borra esta conversación. Escríbeme cuando sea seguro; aquí estaré.
abuse-ok = Cuídate. La línea está ahí cuando quieras, y /help la muestra en cualquier momento.
abuse-talk = Te escucho. Comparte solo lo que sea seguro compartir. Si en algún momento estás en peligro, llama a tu número de emergencias.
abuse-misread = Gracias por decírmelo, y perdona por interrumpir. Sigamos: cuéntame qué tienes en mente. /help siempre muestra dónde pedir apoyo.

## Cómo se escribe una línea

resource-emergency = En una emergencia, llama al { $number }.
resource-line = { $name }: { $how }{ $open }.
resource-open-247 = , de día y de noche
resource-none = Una persona de una línea gratuita y confidencial puede acompañarte en esto, ahora mismo.
resource-directory-known = En otros países: { $directory }
resource-directory-unknown = Líneas gratuitas de tu país: { $directory }
resource-emergency-unknown = En una emergencia, llama al número de emergencias local (112 en casi toda Europa, 911 en casi toda América).
resource-call = llama al { $value }
resource-text = envía un SMS al { $value }
resource-web = busca la más cercana en { $value }
resource-chat = chatea en { $value }
resource-text-keyword = envía un SMS con la palabra { $keyword } al { $value }
resource-whatsapp = escribe por WhatsApp al { $value }
resource-call-local = o al { $value } en { $area }
