## Salas de ayuda (issue 14): una sala privada con personas voluntarias. Ven un código, nunca un nombre.

## /talk: el formulario breve antes de abrir una sala (chat privado).
talk-in-private = Hablar con alguien del equipo de ayuda empieza en un chat privado conmigo. Nadie de aquí verá que lo pediste.
talk-no-circle = Las salas con acompañantes pertenecen a un círculo de apoyo, y ninguno de tus grupos tiene equipo de ayuda todavía. Aquí sigo: escríbeme, o prueba /ground para una pausa de un minuto.
talk-already-open = Tu sala { $code } sigue abierta. Escribe aquí y se lo paso a quienes te acompañan.
talk-full = Ahora mismo todas las salas están ocupadas. Mientras esperas, /ground puede bajar un poco la intensidad en un minuto.
    Si se pone más difícil: { $line }
talk-ask-what = En una o dos frases, ¿qué está pasando? Quienes te acompañen lo leerán antes de entrar.
talk-ask-help = ¿Qué te ayudaría más ahora mismo?
talk-help-listen = Que alguien me escuche
talk-help-think = Pensarlo con calma
talk-help-company = Solo compañía
talk-still-here = Cuando quieras, la sala sigue aquí para ti.
talk-audience-telegram = Antes de abrir tu sala: podrá verla el equipo de ayuda de tu círculo, desde su propio grupo privado. Solo te conocerán como { $code }. Quienes acompañan son personas como tú, no profesionales.
talk-audience-discord = Antes de abrir tu sala: podrán verla quienes la tomen y el equipo de moderación del servidor. Se llama { $code }, nunca con tu nombre. Quienes acompañan son personas como tú, no profesionales.
talk-confirm = Verán esto: "{ $said }"
    Lo que te ayudaría: { $help }
    ¿Abro la sala?
talk-open = Abrir la sala
talk-cancel = Ahora no
talk-cancelled = De acuerdo, sin sala. Puedes pedirla otra vez con /talk cuando quieras.
talk-button-passed = Ese botón era de un paso anterior. Escribe /talk para empezar de nuevo.
talk-busy = No pude abrir la sala en este momento. Vuelve a probar en unos { $minutes } min; lo que escribiste se guarda.
talk-opened = Tu sala { $code } está abierta. Alguien se unirá pronto; escribe aquí y se lo paso. Cuando estés bien, toca "Ya estoy bien".

## Dentro de una sala.
room-okay = Ya estoy bien
room-line = Mi línea de crisis
room-your-line =
    Puedes hablar con una persona en cualquier momento: { $line }
    { $known ->
        [yes] { $emergency }
       *[no] { $directory }
            { $emergency }
    }
room-from-owner = { $code } dice: { $text }
room-from-helper = Acompañante { $number }: { $text }
room-helper-joined = Acompañante { $number } entró en tu sala.
room-helper-left = Acompañante { $number } tuvo que irse. Puede entrar otra persona; tu sala sigue abierta.
room-helper-left-room = Acompañante { $number } ya no está en esta sala.
room-resources-shown-crisis = { $code } escribió algo que sonaba a crisis. Ya vio su línea de crisis en privado. Quédate con esa persona y no lo lleves a solas: pide refuerzo.
room-resources-shown-abuse = { $code } escribió algo sobre sufrir daño o amenazas. Ya vio en privado dónde pedir ayuda. Quédate con esa persona y pide refuerzo.
room-risk-noticed-crisis = Algo que { $code } acaba de escribir puede significar que está pensando en hacerse daño. Pregúntale con calma y sin rodeos si está a salvo ahora. Si no lo está, dale su línea y quédate con esa persona; pide refuerzo.
room-risk-noticed-abuse = Algo que { $code } acaba de escribir puede significar que alguien le está haciendo daño o amenazando. Pregúntale con cuidado si está a salvo ahora; si no lo está, indícale dónde pedir ayuda y pide refuerzo.
room-owner-line-crisis =
    Tus palabras ya llegaron a la sala. Si estás pensando en hacerte daño, no tienes que esperar una respuesta.
    { $line }
room-owner-line-abuse =
    Tus palabras ya llegaron a la sala. Si alguien te está haciendo daño o te amenaza, no tienes que esperar una respuesta.
    { $line }
room-owner-waiting = Todavía nadie tomó tu sala, y ya volví a avisar. Mientras tanto, /ground es una pausa de un minuto.
    Si se pone más difícil: { $line }
room-owner-closed-owner = Tu sala está cerrada. Me alegra que hayas pedido ayuda. Se borrará en unos días.
room-owner-closed-helper = Quien te acompañaba cerró la sala. Si necesitas más, /talk abre otra. Se borrará en unos días.
room-owner-closed-quiet = Tu sala se cerró tras un día sin mensajes. /talk abre otra cuando la necesites.

## Para quienes acompañan: la tarjeta y lo que el bot publica en una sala.
room-card = Sala { $code } · Lo que le ayudaría: { $help }
room-card-said = Escribió: "{ $said }"
room-card-resources = Ya vio en privado los recursos de crisis.
room-card-rules = Acompañas como una persona más, no como profesional. Dos reglas: nadie lleva una crisis a solas (da la línea, quédate y pide refuerzo) y nunca pases a mensajes directos.
room-card-waiting = Esperando a alguien que acompañe.
room-card-claimed = Con: { $helpers }
room-card-helper = Acompañante { $number } ({ $name })
room-card-closed = Esta sala está cerrada.
room-claim = La tomo
room-backup = Necesito refuerzo
room-close = Cerrar
room-intro = Escribe aquí para hablar con { $code }; te verá como "Acompañante 1", "Acompañante 2". Sus mensajes llegan aquí.
room-press-claimed = Eres Acompañante { $number } en esta sala.
room-press-backup = Refuerzo pedido.
room-press-done = Cerrada.
room-press-closed = Esta sala está cerrada.
room-ping-backup = La sala { $code } necesita a otra persona.
room-ping-waiting = La sala { $code } lleva 10 minutos esperando a alguien.
room-backup-asked = Se pidió refuerzo; otra persona puede tocar "La tomo".
room-closed-by-owner = Dijo que ya está bien. Sala cerrada.
room-closed-by-helper = Alguien del equipo cerró esta sala.
room-closed-by-quiet = Cerrada tras 24 horas sin mensajes.

## /helpers: enlazar un círculo con el grupo foro de su equipo de ayuda (admins).
helpers-groups-only = /helpers se usa dentro de un grupo, y solo pueden usarlo sus admins.
helpers-how = Para darle un equipo de ayuda a este círculo: crea un supergrupo aparte con temas (foro), hazme admin con permiso para gestionar temas y escribe allí: /helpers { $chat }
helpers-need-forum = Para las salas de ayuda, este grupo necesita tener activados los temas (foro).
helpers-days = Las salas se guardan de 3 a 7 días después de cerrarse, por ejemplo /helpers -100123 5.
helpers-no-circle = No encontré allí ningún círculo del que seas admin. Primero configúralo con /circle.
helpers-need-rights = Necesito ser admin aquí, con permiso para gestionar temas.
helpers-done = Listo: este grupo recibe las salas de ayuda del círculo. Cada sala se borra { $days } días después de cerrarse.

## Discord: la sala es un hilo privado en el canal del círculo.
talk-title = Hablar con alguien del equipo
talk-ask-what-short = ¿Qué está pasando?
talk-opened-discord = Tu sala { $code } está abierta: un hilo privado en este canal que solo ven tú, quienes te acompañan y el equipo de moderación. Alguien se unirá pronto.
room-welcome = Te damos la bienvenida a la sala { $code }. Quienes acompañan son personas como tú, no profesionales: están para escuchar, no para juzgar ni diagnosticar. Tómate tu tiempo.
    Cuando estés bien, toca "Ya estoy bien" y la sala se cierra. Si se pone más difícil, "Mi línea de crisis" te muestra a quién llamar, a cualquier hora.
room-not-yours = Ese botón no es para ti.
room-helpers-only = Solo el equipo de ayuda del círculo puede tomar salas.
helpers-no-circle-here = Este canal todavía no es un círculo. Primero configúralo con /circle setup.
helpers-done-discord = Listo: las salas de este círculo se abren aquí como hilos privados, y sus tarjetas van al canal del equipo de ayuda. Cada sala se borra { $days } días después de cerrarse.
rooms-perm-private-threads = Crear hilos privados
rooms-perm-send-threads = Enviar mensajes en hilos
rooms-perm-manage-threads = Gestionar hilos
rooms-perm-pin = Gestionar mensajes (para fijar la tarjeta de la sala)
discord-cmd-talk = Pide una sala privada con alguien del equipo de ayuda del círculo
discord-cmd-helpers = Indica quién acompaña en este círculo: su rol y su canal
discord-opt-helpers-role-name = rol
discord-opt-helpers-role = El rol que tiene tu equipo de ayuda
discord-opt-helpers-channel-name = canal
discord-opt-helpers-channel = Un canal que solo ve el equipo de ayuda, para las tarjetas de las salas
discord-opt-helpers-days-name = dias
discord-opt-helpers-days = Días que se guarda una sala después de cerrarse (de 3 a 7)
helpers-missing-permissions = Todavía no puedo abrir salas de ayuda aquí. Me falta: { $missing }. Dame esos permisos (aquí y en el canal del equipo de ayuda) y vuelve a usar /helpers.
room-followup-offer-yes = Escríbeme mañana
room-followup-offer-no = No hace falta
room-followup-yes = Mañana por la mañana te escribo para ver cómo sigues.
room-followup-no = De acuerdo. Aquí estoy cuando quieras hablar.

## La terminal: aquí también haces de acompañante.
talk-audience-console = Antes de abrir tu sala: en la terminal también haces de acompañante (:room claim as hal, :room say hal hola). Solo te conocerían como { $code }. Quienes acompañan son personas como tú, no profesionales.
console-room-helpers-see = Lo que ve el equipo de ayuda: { $text }
console-room-ready = El círculo ya tiene equipo de ayuda. Prueba /talk y luego haz de acompañante con :room claim as hal.
console-room-help = Comandos de sala: :room setup (después de :circle setup), :room claim as hal, :room say hal hola, :room backup as hal, :room close as hal.
